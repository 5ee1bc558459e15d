package sockets.blocking;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;

/** Turns addresses into the text the chapters print ({@code 127.0.0.1:7007}, {@code [::1]:7007}) and back. */
public final class Endpoints {
    private Endpoints() {
    }

    /** {@code HOST:PORT} with the numeric address, IPv6 in brackets; other address kinds as they print. */
    public static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            InetAddress ip = inet.getAddress();
            String host = ip == null ? inet.getHostString() : ip.getHostAddress();
            if (ip instanceof Inet6Address) {
                int scope = host.indexOf('%');
                host = "[" + (scope < 0 ? host : host.substring(0, scope)) + "]";
            }
            return host + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    /** Resolves {@code host} for binding or connecting; an unknown name is an expected failure. */
    public static InetSocketAddress resolve(String host, int port) throws UnknownHostException {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new UnknownHostException("unknown host '" + host + "'");
        }
    }
}
