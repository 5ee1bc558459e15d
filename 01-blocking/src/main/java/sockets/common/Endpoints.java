package sockets.common;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;

/** Turns addresses into the text the chapters print ({@code 127.0.0.1:7007}, {@code [::1]:7007}) and back. */
public final class Endpoints {
    private Endpoints() {
    }

    /** {@code HOST:PORT} with the numeric address, IPv6 in brackets; other address kinds as they print. */
    public static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            InetAddress ip = inet.getAddress();
            String host = ip instanceof Inet6Address v6 ? "[" + ipv6(v6) + "]"
                    : ip == null ? inet.getHostString() : ip.getHostAddress();
            return host + ":" + inet.getPort();
        }
        if (address instanceof UnixDomainSocketAddress unix) {
            String path = unix.getPath().toString();
            return path.isEmpty() ? "(unnamed unix socket)" : path; // see peerName() for a name to log
        }
        return String.valueOf(address);
    }

    /**
     * A peer's name for log lines. A peer with no address of its own (a Unix-domain-socket client rarely
     * binds, so every one would print alike) is named by the server's address and the order it was
     * accepted in: {@code /tmp/echo.sock#3}. Any other peer address is returned as it is.
     */
    public static SocketAddress peerName(SocketAddress peer, SocketAddress server, long accepted) {
        if (peer instanceof UnixDomainSocketAddress unix && unix.getPath().toString().isEmpty()) {
            return new UnixClient(format(server) + "#" + accepted);
        }
        return peer;
    }

    /** An unnamed Unix-domain-socket client's log name. */
    private static final class UnixClient extends SocketAddress {
        private final String name;

        UnixClient(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * An IPv6 address in its short form (RFC 5952): lower-case hex, no leading zeros, the longest run
     * of two or more zero groups as {@code ::}. Java's own {@code getHostAddress()} prints every group.
     */
    static String ipv6(Inet6Address address) {
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** Whether a connection to {@code target} would reach a listener bound to {@code bind}: a relay to itself. */
    public static boolean wouldReach(InetSocketAddress target, InetSocketAddress bind) {
        if (target.getPort() != bind.getPort()) {
            return false;
        }
        InetAddress listening = bind.getAddress();
        InetAddress to = target.getAddress();
        return listening.equals(to) || to.isAnyLocalAddress()
                || (listening.isAnyLocalAddress() && to.isLoopbackAddress());
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
