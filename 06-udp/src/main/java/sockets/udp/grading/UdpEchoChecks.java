package sockets.udp.grading;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import sockets.common.grading.Check;
import sockets.common.grading.CheckFailure;
import sockets.udp.UdpServer;

/**
 * What every UDP echo server (RFC 862 over UDP) must do, whatever its language, as checks over real
 * datagrams on loopback: each datagram back to the address it came from, whole (up to the 65,507 bytes
 * UDP carries), an empty one included, and every sender answered at its own address.
 */
public final class UdpEchoChecks {
    /** macOS's default {@code net.inet.udp.maxdgram}. */
    private static final int MACOS_MAX_DATAGRAM = 9_216;

    private UdpEchoChecks() {
    }

    /** Every check, in the order a student should fix them, with its points. */
    public static List<Check> all(InetSocketAddress server, int readTimeoutMs) {
        String nc = "printf hello | nc -u -w1 " + server.getAddress().getHostAddress() + " " + server.getPort();
        return List.of(
                Check.required("echoes each of 20 datagrams to its sender, byte for byte", 2,
                        t -> echoesDatagrams(server, readTimeoutMs, nc)),
                Check.required("echoes a datagram of " + UdpServer.MAX_DATAGRAM + " bytes (the most UDP carries) whole", 2,
                        t -> largest(server, readTimeoutMs)),
                Check.required("echoes an empty datagram (no end of stream in UDP) and goes on serving", 1,
                        t -> emptyDatagram(server, readTimeoutMs)),
                Check.required("answers 30 clients at once, each at its own address", 2,
                        t -> manyClients(server, readTimeoutMs)));
    }

    /** A socket of its own on loopback: a client, for one check. */
    public static DatagramSocket client(int readTimeoutMs) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(readTimeoutMs);
        return socket;
    }

    /** The next datagram for {@code socket} from {@code server}, or null within the timeout; others are skipped. */
    public static byte[] receiveFrom(DatagramSocket socket, InetSocketAddress server) throws IOException {
        byte[] buffer = new byte[UdpServer.MAX_DATAGRAM + 1];
        for (int i = 0; i < 100; i++) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return null;
            }
            if (packet.getSocketAddress().equals(server)) {
                return Arrays.copyOf(packet.getData(), packet.getLength());
            }
        }
        return null;
    }

    private static void echoesDatagrams(InetSocketAddress server, int readTimeoutMs, String nc) throws IOException {
        Random random = new Random(862);
        for (int i = 0; i < 20; i++) {
            byte[] message = random(1 + random.nextInt(1400), random.nextLong());
            echoes(server, readTimeoutMs, message, "datagram " + (i + 1) + " of 20", nc + "   (should print hello)");
        }
    }

    private static void echoes(InetSocketAddress server, int readTimeoutMs, byte[] message, String what, String help)
            throws IOException {
        try (DatagramSocket socket = client(readTimeoutMs)) {
            socket.send(new DatagramPacket(message, message.length, server));
            byte[] back = receiveFrom(socket, server);
            if (!Arrays.equals(message, back)) {
                throw new CheckFailure(what + ", " + message.length + " random bytes", "the same datagram back",
                        back == null ? "no datagram within the read timeout" : "a datagram of " + back.length + " bytes"
                                + (back.length < message.length && Arrays.equals(message, 0, back.length, back, 0, back.length)
                                ? ": the first " + back.length + " only" : " that differs"), help);
            }
        }
    }

    /**
     * The largest datagram there is, or, where this machine will not send one that large (macOS sends at
     * most {@value #MACOS_MAX_DATAGRAM} bytes by default), the largest it sends: still past every receive
     * buffer a student might guess (1,024, 4,096, 8,192).
     */
    private static void largest(InetSocketAddress server, int readTimeoutMs) throws IOException {
        String help = "is the receive buffer smaller than a datagram? recvfrom(1024) cuts the rest off silently";
        try {
            echoes(server, readTimeoutMs, random(UdpServer.MAX_DATAGRAM, 6), "the largest datagram", help);
        } catch (IOException tooLongForThisMachine) {
            echoes(server, readTimeoutMs, random(MACOS_MAX_DATAGRAM, 6), "the largest datagram this machine sends ("
                    + tooLongForThisMachine.getMessage() + " at " + UdpServer.MAX_DATAGRAM + ")", help);
        }
    }

    private static void emptyDatagram(InetSocketAddress server, int readTimeoutMs) throws IOException {
        try (DatagramSocket socket = client(readTimeoutMs)) {
            socket.send(new DatagramPacket(new byte[0], 0, server));
            byte[] back = receiveFrom(socket, server);
            if (back == null || back.length != 0) {
                throw new CheckFailure("a datagram of 0 bytes", "a datagram of 0 bytes back",
                        back == null ? "nothing within the read timeout (an empty recvfrom is a datagram, not a close)"
                                : back.length + " bytes", "");
            }
        }
        echoes(server, readTimeoutMs, "after the empty one".getBytes(), "a datagram after the empty one", "");
    }

    private static void manyClients(InetSocketAddress server, int readTimeoutMs) throws IOException {
        List<DatagramSocket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                clients.add(client(readTimeoutMs));
            }
            for (int i = 0; i < clients.size(); i++) {
                byte[] message = ("client " + i).getBytes();
                clients.get(i).send(new DatagramPacket(message, message.length, server));
            }
            for (int i = 0; i < clients.size(); i++) {
                byte[] back = receiveFrom(clients.get(i), server);
                if (back == null || !new String(back).equals("client " + i)) {
                    throw new CheckFailure("'client " + i + "' from socket " + (i + 1) + " of 30, all sent at once",
                            "'client " + i + "' back to that socket",
                            back == null ? "nothing within the read timeout: is each reply sent to the address its"
                                    + " datagram came from (recvfrom's)?" : "'" + new String(back) + "'", "");
                }
            }
        } finally {
            for (DatagramSocket client : clients) {
                client.close();
            }
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
