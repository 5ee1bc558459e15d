import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chapter 07's assignment in Java: an echo server on a Unix domain socket. The command line is done; the rest is yours.
 * Run:    java Starter.java --path /tmp/echo.sock
 * Grade:  java -jar 07-ipc/target/07-ipc.jar grade uds-echo-server -- java Starter.java --path {path}
 */
public class Starter {
    public static void main(String[] args) throws IOException {
        Path path = Path.of(option(args, "--path", "/tmp/echo.sock"));
        // TODO: a stale socket file left by a crashed server makes bind fail; a live server's must not be taken.
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(path));
            // The file outlives the socket unless deleted: on SIGTERM too, which runs shutdown hooks.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> path.toFile().delete()));
            // TODO: owner-only (rw-------) before anyone can connect
            System.out.println("listening on " + path); // the grader waits for it
            System.out.flush();
            while (true) {
                SocketChannel client = listener.accept();
                client.close(); // TODO: echo every byte, then half-close, more than one client at a time
            }
        } finally {
            Files.deleteIfExists(path);
        }
    }

    /** The value after {@code name} on the command line, or {@code fallback}. */
    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
