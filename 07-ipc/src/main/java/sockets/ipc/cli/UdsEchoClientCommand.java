package sockets.ipc.cli;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code uds-echo-client --path P MESSAGE...}: sends the message over a Unix domain socket, prints the echo. */
@Command(name = "uds-echo-client", mixinStandardHelpOptions = true,
        description = "Sends MESSAGE... (joined by spaces, plus a newline) to the echo server at --path and prints"
                + " the echo, read to exactly the length sent.")
final class UdsEchoClientCommand implements Callable<Integer> {
    @Option(names = "--path", required = true, paramLabel = "P", converter = SocketPathConverter.class, description = "The server's socket file.")
    Path path;

    @Parameters(paramLabel = "MESSAGE", arity = "1..*", description = "Words to send.")
    List<String> words;

    @Override
    public Integer call() throws Exception {
        byte[] message = (String.join(" ", words) + "\n").getBytes(StandardCharsets.UTF_8);
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                channel.connect(UnixDomainSocketAddress.of(path));
            } catch (IOException e) {
                throw new IOException("cannot connect to " + path + ": " + e.getMessage(), e);
            }
            ByteBuffer out = ByteBuffer.wrap(message);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            ByteBuffer echo = ByteBuffer.allocate(message.length);
            while (echo.hasRemaining()) {
                if (channel.read(echo) == -1) {
                    throw new EOFException("server closed after " + echo.position() + " of " + message.length + " bytes");
                }
            }
            System.out.write(echo.array());
            System.out.flush();
        }
        return 0;
    }
}
