package sockets.shutdown.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sockets.common.ClientOptions;
import sockets.common.CommandFailedException;
import sockets.common.PeerLog;
import sockets.common.PortConverter;
import sockets.shutdown.DigestClient;

/** {@code digest-client [FILE]}: sends the file (or stdin), half-closes, prints the server's reply. */
@Command(name = "digest-client", mixinStandardHelpOptions = true,
        description = "Sends FILE (or standard input), calls shutdownOutput(), and prints the server's reply."
                + " Fails if the server's count or digest is not that of what was sent.")
final class DigestClientCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = "--port", defaultValue = DigestServerCommand.DEFAULT_PORT, converter = PortConverter.class,
            description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "What to send; none: standard input.")
    Path file;

    @Override
    public Integer call() throws Exception {
        DigestClient.Result result;
        try (InputStream request = file == null ? System.in : open(file)) {
            result = DigestClient.exchange(client.address(port), request, client.timeoutMs());
        }
        System.out.println(result.reply());
        if (!result.matches()) {
            throw new CommandFailedException(result.reply().startsWith("error:") ? "server refused: " + result.reply()
                    : "the server's reply is not '" + result.sent() + " " + result.sentSha256() + "'");
        }
        return 0;
    }

    /** The request file, or one line saying why it cannot be read. */
    private static InputStream open(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new CommandFailedException("cannot read " + file + ": it is a directory");
            }
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new CommandFailedException("cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CommandFailedException("cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new CommandFailedException("cannot read " + file + ": " + PeerLog.describe(e));
        }
    }
}
