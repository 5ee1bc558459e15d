package sockets.common;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A {@code HOST:PORT} pair as typed on a command line ({@code example.org:80}, {@code [::1]:7007}). */
public record HostPort(String host, int port) {

    /** Parses {@code HOST:PORT}; an IPv6 literal goes in brackets. */
    public static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("'" + text + "': put an IPv6 address in brackets, [::1]:PORT");
        }
        try {
            return new HostPort(host, new PortConverter().convert(text.substring(colon + 1)));
        } catch (TypeConversionException e) {
            throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
        }
    }

    public InetSocketAddress resolve() throws UnknownHostException {
        return Endpoints.resolve(host, port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The picocli converter for options of this type. */
    public static final class Converter implements ITypeConverter<HostPort> {
        @Override
        public HostPort convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
