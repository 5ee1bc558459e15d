package sockets.shutdown;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import sockets.blocking.Clients;

/**
 * Sends a request, half-closes, and reads the reply to end of stream. It reads while it sends, so that
 * an early reply (an error) is seen instead of being lost to a blocked write.
 */
public final class DigestClient {
    private static final int MAX_REPLY = 4096;

    /** What was sent (counted and hashed here) and what the server replied. */
    public record Result(long sent, String sentSha256, String reply) {
        /** True when the server's count and digest are those of what was sent. */
        public boolean matches() {
            return reply.equals(sent + " " + sentSha256);
        }
    }

    private DigestClient() {
    }

    public static Result exchange(InetSocketAddress server, InputStream request, int timeoutMs) throws IOException {
        try (Socket socket = Clients.connect(server, timeoutMs)) {
            CompletableFuture<long[]> sent = new CompletableFuture<>();
            MessageDigest sha256 = DigestHandler.sha256();
            Thread.ofVirtual().name("digest-client-send").start(() -> {
                long count = 0;
                try {
                    OutputStream out = socket.getOutputStream();
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = request.read(buffer)) != -1) {
                        out.write(buffer, 0, n);
                        sha256.update(buffer, 0, n);
                        count += n;
                    }
                    socket.shutdownOutput(); // "I am done sending, but I can still receive"
                    sent.complete(new long[] {count});
                } catch (IOException e) {
                    sent.completeExceptionally(e);
                }
            });
            String reply = readReply(socket.getInputStream());
            if (reply.startsWith("error:")) {
                return new Result(-1, "", reply); // the server stopped us early and said why: stop sending
            }
            long count;
            try {
                count = sent.get()[0];
            } catch (ExecutionException e) {
                throw new IOException("sending failed: " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            return new Result(count, HexFormat.of().formatHex(sha256.digest()), reply);
        }
    }

    /** The reply line, read until the server closes; more than {@value #MAX_REPLY} bytes is not a reply. */
    private static String readReply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        byte[] buffer = new byte[512];
        int n;
        while ((n = in.read(buffer)) != -1) {
            reply.write(buffer, 0, n);
            if (reply.size() > MAX_REPLY) {
                throw new IOException("reply exceeds " + MAX_REPLY + " bytes: not a digest server");
            }
        }
        return reply.toString(StandardCharsets.US_ASCII).strip();
    }
}
