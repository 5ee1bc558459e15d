package sockets.common.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Random;
import java.util.zip.CRC32;
import sockets.blocking.Clients;

/** Helpers every chapter's tests use: loopback only, port 0 only, every blocking call bounded. */
public final class TestSockets {
    /** Bound on connects and reads in tests: generous, since CI machines stall. */
    public static final int TIMEOUT_MS = 10_000;

    private TestSockets() {
    }

    public static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }

    /** The loopback address with port 0: the kernel picks a free port at bind time. */
    public static InetSocketAddress anyLoopbackPort() {
        return new InetSocketAddress(loopback(), 0);
    }

    /** A client socket connected to {@code address}, its reads bounded by {@link #TIMEOUT_MS}. */
    public static Socket connect(InetSocketAddress address) throws IOException {
        return Clients.connect(address, TIMEOUT_MS);
    }

    /** {@code size} bytes from a seeded generator: the same every run, different for each seed. */
    public static byte[] randomBytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    public static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /** Ends the connection abortively: with linger 0, close sends RST instead of FIN. */
    public static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }
}
