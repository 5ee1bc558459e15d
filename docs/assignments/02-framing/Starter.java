import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Chapter 02's assignment in Java: a frame echo server. The command line is done; the framing is yours.
 * Run:    java Starter.java --framing length --port 7008
 * Grade:  java -jar 02-framing/target/02-framing.jar grade frame-server --framing length -- java Starter.java --framing length --port {port}
 */
public class Starter {
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(option(args, "--port", "7008"));
        String framing = option(args, "--framing", "length");
        int maxFrame = Integer.parseInt(option(args, "--max-frame", framing.equals("line") ? "8192" : "1048576"));
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress("127.0.0.1", port));
            System.out.println("listening on 127.0.0.1:" + listener.getLocalPort()); // the grader waits for it
            System.out.flush();
            while (true) {
                Socket client = listener.accept();
                new Thread(() -> serve(client, framing, maxFrame)).start(); // a thread per client
            }
        }
    }

    /**
     * TODO: read what arrives, find every whole frame in it, send each back framed the same way, keep the rest
     * for the next read. A frame over maxFrame, or bytes that are no frame: close this connection, say so on stderr.
     */
    static void serve(Socket client, String framing, int maxFrame) {
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
