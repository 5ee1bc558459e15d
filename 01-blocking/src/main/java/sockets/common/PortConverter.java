package sockets.common;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a TCP or UDP port number, 0 to 65535, and names the bad value when it is not one. */
public final class PortConverter implements ITypeConverter<Integer> {
    public static final int MAX = 65_535;

    @Override
    public Integer convert(String value) {
        int port;
        try {
            port = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a port number (0-" + MAX + ")");
        }
        if (port < 0 || port > MAX) {
            throw new TypeConversionException("port " + port + " is out of range (0-" + MAX + ")");
        }
        return port;
    }
}
