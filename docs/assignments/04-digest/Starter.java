import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Chapter 04's assignment in Java: a digest server. The command line is done; the protocol is yours.
 * Run:    java Starter.java --port 7040
 * Grade:  java -jar 04-shutdown/target/04-shutdown.jar grade digest-server -- java Starter.java --port {port}
 */
public class Starter {
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(option(args, "--port", "7040"));
        long maxRequest = Long.parseLong(option(args, "--max-request", String.valueOf(64L * 1024 * 1024)));
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress("127.0.0.1", port));
            System.out.println("listening on 127.0.0.1:" + listener.getLocalPort()); // the grader waits for it
            System.out.flush();
            while (true) {
                Socket client = listener.accept();
                new Thread(() -> serve(client, maxRequest)).start(); // a thread per client
            }
        }
    }

    /**
     * TODO: read until the client half-closes (read returns -1): that is the whole request. Reply with one line,
     * "<byte count> <sha256 hex>", then half-close. Over maxRequest bytes: an "error: ..." line instead.
     */
    static void serve(Socket client, long maxRequest) {
        try (client) {
            // the protocol goes here
        } catch (IOException e) {
            System.err.println("peer " + client.getRemoteSocketAddress() + ": " + e.getMessage());
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
