package sockets.ipc.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@code --path} for a Unix domain socket: not empty, and short enough for the kernel's address
 * ({@code sun_path} holds 108 bytes on Linux, 104 on macOS, one of them the ending NUL).
 */
public final class SocketPathConverter implements ITypeConverter<Path> {
    static final int MAX_BYTES = 103;

    @Override
    public Path convert(String value) {
        if (value.isEmpty()) {
            throw new TypeConversionException("the socket path is empty: name a file, such as /tmp/echo.sock");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new TypeConversionException("'" + value + "' is " + bytes + " bytes; a socket path must be at most "
                    + MAX_BYTES + " (the kernel's limit)");
        }
        return Path.of(value);
    }
}
