package sockets.shutdown;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import sockets.blocking.ConnectionHandler;

/**
 * The HTTP/1.0 pattern without a length: the client sends its request and half-closes ("I am done
 * sending"); the server reads until end of stream, which tells it the request is complete, replies with
 * one line, {@code <byte count> <SHA-256 hex>\n}, and closes.
 * <p>A client that sends nothing for {@code readTimeoutMs} is closed: reading to end of stream means
 * waiting on the client, and a server must not wait forever. A request over the limit gets
 * {@code error: request exceeds maximum N bytes\n} instead; the server then reads and discards what is
 * still coming, at most {@value #DRAIN_BYTES} bytes for at most {@value #DRAIN_MS} ms, so that the client can
 * read the error before the connection goes (closing with unread data would reset it, and the line could be
 * lost). A client that sends more than that is cut off: the server owes it no more.
 */
public final class DigestHandler implements ConnectionHandler {
    public static final long DEFAULT_MAX = 64L * 1024 * 1024;
    public static final int DEFAULT_READ_TIMEOUT_MS = 30_000;
    static final int DRAIN_MS = 2_000;
    static final long DRAIN_BYTES = 1024 * 1024;

    private final long maxRequest;
    private final int readTimeoutMs;

    public DigestHandler(long maxRequest, int readTimeoutMs) {
        this.maxRequest = maxRequest;
        this.readTimeoutMs = readTimeoutMs;
    }

    public DigestHandler(long maxRequest) {
        this(maxRequest, DEFAULT_READ_TIMEOUT_MS);
    }

    @Override
    public void handle(Socket socket) throws IOException {
        MessageDigest sha256 = sha256();
        socket.setSoTimeout(readTimeoutMs); // each read; a client that trickles a byte a minute is its own business
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long count = 0;
        int n;
        try {
            while ((n = in.read(buffer)) != -1) {
                count += n;
                if (count > maxRequest) {
                    out.write(("error: request exceeds maximum " + maxRequest + " bytes\n").getBytes(StandardCharsets.US_ASCII));
                    socket.shutdownOutput();
                    drain(socket);
                    throw new RequestTooLargeException(maxRequest);
                }
                sha256.update(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("nothing received for " + readTimeoutMs + " ms after " + count
                    + " bytes; closing");
        }
        // End of stream: the client half-closed, so the request is complete. Its side can still read.
        out.write((count + " " + HexFormat.of().formatHex(sha256.digest()) + "\n").getBytes(StandardCharsets.US_ASCII));
        socket.shutdownOutput();
    }

    /** Reads and drops the rest of a refused request, within both bounds, then lets the caller close. */
    private static void drain(Socket socket) throws IOException {
        long deadline = System.nanoTime() + DRAIN_MS * 1_000_000L;
        byte[] sink = new byte[64 * 1024];
        long drained = 0;
        try {
            while (drained < DRAIN_BYTES) {
                long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMs <= 0) {
                    return;
                }
                socket.setSoTimeout((int) leftMs);
                int n = socket.getInputStream().read(sink, 0, (int) Math.min(sink.length, DRAIN_BYTES - drained));
                if (n == -1) {
                    return;
                }
                drained += n;
            }
        } catch (SocketTimeoutException e) {
            // the client kept the connection open without sending: stop waiting for it
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
