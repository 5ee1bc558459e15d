import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Chapter 05's assignment in Java: an echo server on one thread, non-blocking channels and a Selector.
 * The command line and the loop's shape are done; what each event does is yours.
 * Run:    java Starter.java --port 7050
 * Grade:  java -jar 05-nonblocking-select/target/05-nonblocking-select.jar grade select-echo-server -- java Starter.java --port {port}
 */
public class Starter {
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(option(args, "--port", "7050"));
        try (Selector selector = Selector.open(); ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", port), 1024);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
            System.out.println("listening on 127.0.0.1:" + listener.socket().getLocalPort()); // the grader waits for it
            System.out.flush();
            while (true) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isAcceptable()) {
                        SocketChannel client = listener.accept();
                        if (client != null) {
                            client.close(); // TODO: make it non-blocking and register it for OP_READ
                        }
                    }
                    // TODO: readable: read what has arrived, queue it; writable: write what the queue holds.
                    // Ask for OP_WRITE only while the queue is not empty, and stop reading a client whose queue
                    // has grown large: it does not read, and must not stall the others.
                }
                selector.selectedKeys().clear();
            }
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
