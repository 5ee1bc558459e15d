package sockets.blocking;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.zip.CRC32;

/** The echo service's client: sends bytes and reads back exactly as many. */
public final class EchoClient {
    private static final int BUFFER = 8192;

    private EchoClient() {
    }

    /**
     * Sends {@code message} and reads back exactly {@code message.length} bytes. One {@code read}
     * is not one message: the reply may come in any number of pieces, so read until all have come.
     */
    public static byte[] exchange(InetSocketAddress server, byte[] message, int timeoutMs) throws IOException {
        try (Socket socket = Clients.connect(server, timeoutMs)) {
            socket.getOutputStream().write(message);
            byte[] reply = socket.getInputStream().readNBytes(message.length);
            if (reply.length < message.length) {
                throw new EOFException("server closed after echoing " + reply.length + " of "
                        + message.length + " bytes");
            }
            return reply;
        }
    }

    /** What a streamed exchange sent and received, with a checksum of each. */
    public record Tally(long sent, long sentCrc, long received, long receivedCrc) {
        public boolean matches() {
            return sent == received && sentCrc == receivedCrc;
        }
    }

    /**
     * Streams {@code in} to the server while copying its echo to {@code out}, then half-closes and
     * reads to end of stream. Writing and reading at once matters: a client that wrote everything
     * before reading would deadlock with the server once both sides' buffers are full.
     */
    public static Tally stream(InetSocketAddress server, InputStream in, OutputStream out, int timeoutMs)
            throws IOException {
        try (Socket socket = Clients.connect(server, timeoutMs)) {
            socket.setSoTimeout(0); // the other side may be a person typing; bounded again after EOF
            long[] sent = new long[2];
            IOException[] sendFailure = new IOException[1];
            Thread sender = Thread.ofVirtual().name("echo-client-send").start(() -> {
                CRC32 crc = new CRC32();
                try {
                    sent[0] = copy(in, socket.getOutputStream(), crc);
                    socket.shutdownOutput(); // "I am done sending": the server echoes the rest, then closes
                    socket.setSoTimeout(timeoutMs);
                } catch (IOException e) {
                    sendFailure[0] = e;
                }
                sent[1] = crc.getValue();
            });
            CRC32 crc = new CRC32();
            long received = copy(socket.getInputStream(), out, crc);
            out.flush();
            joinQuietly(sender);
            if (sendFailure[0] != null) {
                throw sendFailure[0];
            }
            return new Tally(sent[0], sent[1], received, crc.getValue());
        }
    }

    /** Copies {@code in} to {@code out} until end of stream, adding every byte to {@code crc}; returns the count. */
    private static long copy(InputStream in, OutputStream out, CRC32 crc) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long count = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            out.write(buffer, 0, n);
            crc.update(buffer, 0, n);
            count += n;
        }
        return count;
    }

    private static void joinQuietly(Thread thread) throws IOException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
