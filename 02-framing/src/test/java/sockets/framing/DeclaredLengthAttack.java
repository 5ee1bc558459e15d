package sockets.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.TestSockets;
import sockets.framing.cli.Framings;

/**
 * The attack a per-frame limit does not stop: a thousand connections that each declare a frame just
 * under the limit and send one byte. Five kilobytes in all; a server that allocates what headers declare
 * needs a gigabyte. Run against a server in a child JVM with a 64 MiB heap, where that ends in
 * {@code OutOfMemoryError}; a server that allocates as bytes arrive serves on.
 */
public final class DeclaredLengthAttack {
    public static final List<String> SMALL_HEAP = sockets.common.testing.ConnectionFlood.SMALL_HEAP;
    static final int CONNECTIONS = 1000;

    private DeclaredLengthAttack() {
    }

    /** The first bytes of a frame of about 1 MiB, in {@code framing}, cut after one payload byte. */
    static byte[] opening(String framing) {
        return switch (framing) {
            case "length" -> new byte[] {0, 0x10, 0, 0, 42};
            case "netstring" -> "1048576:x".getBytes(StandardCharsets.US_ASCII);
            default -> throw new IllegalArgumentException(framing);
        };
    }

    /**
     * Starts {@code main args} (a frame server speaking {@code framing}, port 0) with a small heap, attacks it,
     * checks a well-behaved client is still served, stops it with SIGTERM and checks it exited 143 with no
     * stack trace and no {@code OutOfMemoryError}.
     */
    public static void run(Class<?> main, String framing, String... args) throws Exception {
        try (ChapterProcess server = ChapterProcess.start(List.of(), SMALL_HEAP, main, null, args)) {
            InetSocketAddress address = server.awaitListening();
            List<Socket> liars = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket liar = TestSockets.connect(address);
                    liars.add(liar);
                    liar.getOutputStream().write(opening(framing));
                }
                Framing chosen = Framings.parse(framing, null);
                for (int i = 0; i < 3; i++) { // more than one round trip: the server is not merely slow to die
                    byte[] hello = ("served while " + CONNECTIONS + " liars wait, " + i).getBytes(StandardCharsets.US_ASCII);
                    try (Socket good = TestSockets.connect(address)) {
                        new FrameWriter(good.getOutputStream(), chosen).write(hello);
                        assertArrayEquals(hello, new FrameReader(good.getInputStream(), chosen.newDecoder()).read());
                    }
                }
            } finally {
                for (Socket liar : liars) {
                    closeQuietly(liar);
                }
            }
            server.terminate();
            ChapterProcess.Result result = server.awaitExit();
            assertEquals(143, result.exitCode(), "SIGTERM's exit code; stderr: " + result.stderr());
            assertFalse(result.stderr().contains("OutOfMemoryError"), result.stderr());
            result.assertNoStackTrace();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // the attack is over either way
        }
    }
}
