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
 * <p>A request over the limit gets {@code error: request exceeds maximum N bytes\n} instead; the server then
 * reads and discards what is still coming for a bounded time, so that the client can read the error
 * before the connection goes (closing with unread data would reset it, and the line could be lost).
 */
public final class DigestHandler implements ConnectionHandler {
    public static final long DEFAULT_MAX = 64L * 1024 * 1024;
    private static final int DRAIN_MS = 5_000;

    private final long maxRequest;

    public DigestHandler(long maxRequest) {
        this.maxRequest = maxRequest;
    }

    @Override
    public void handle(Socket socket) throws IOException {
        MessageDigest sha256 = sha256();
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long count = 0;
        int n;
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
        // End of stream: the client half-closed, so the request is complete. Its side can still read.
        out.write((count + " " + HexFormat.of().formatHex(sha256.digest()) + "\n").getBytes(StandardCharsets.US_ASCII));
        socket.shutdownOutput();
    }

    private static void drain(Socket socket) throws IOException {
        socket.setSoTimeout(DRAIN_MS);
        long deadline = System.nanoTime() + DRAIN_MS * 1_000_000L;
        byte[] sink = new byte[64 * 1024];
        try {
            while (System.nanoTime() < deadline && socket.getInputStream().read(sink) != -1) {
                // discarded: the reply has been sent; this only lets the client read it
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
