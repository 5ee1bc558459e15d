import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Chapter 03's assignment in Java: an RFC 868 time server over TCP. The command line is done; the bytes are yours.
 * Run:    java Starter.java --port 7037
 * Grade:  java -jar 03-binary-data/target/03-binary-data.jar grade time-server -- java Starter.java --port {port}
 */
public class Starter {
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(option(args, "--port", "7037"));
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress("127.0.0.1", port));
            System.out.println("listening on 127.0.0.1:" + listener.getLocalPort()); // the grader waits for it
            System.out.flush();
            while (true) {
                Socket client = listener.accept();
                new Thread(() -> serve(client)).start(); // a thread per client
            }
        }
    }

    /** TODO: send the seconds since 1900-01-01 as 4 bytes, unsigned, big-endian (network order); then close. */
    static void serve(Socket client) {
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
