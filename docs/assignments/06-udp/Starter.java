import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/**
 * Chapter 06's assignment in Java: an echo server over UDP. The command line is done; the datagrams are yours.
 * Run:    java Starter.java --port 7060
 * Grade:  java -jar 06-udp/target/06-udp.jar grade udp-echo-server -- java Starter.java --port {port}
 */
public class Starter {
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(option(args, "--port", "7060"));
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            System.out.println("listening on 127.0.0.1:" + socket.getLocalPort()); // the grader waits for it
            System.out.flush();
            byte[] buffer = new byte[1024]; // TODO: is that enough for any datagram?
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                // TODO: send the datagram back to the address it came from (packet.getSocketAddress())
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
