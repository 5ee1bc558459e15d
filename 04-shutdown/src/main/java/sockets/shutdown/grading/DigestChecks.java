package sockets.shutdown.grading;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import sockets.common.grading.Check;
import sockets.common.grading.CheckFailure;
import sockets.common.grading.Connector;
import sockets.common.grading.Peer;

/**
 * What a digest server must do, whatever its language: read a request until the client half-closes,
 * then reply with one line, {@code <byte count> <SHA-256 hex>}, and close; a request over its limit gets
 * {@code error: ...} instead. Run by {@code grade digest-server}. Written once.
 */
public final class DigestChecks {
    private DigestChecks() {
    }

    /** {@code maxRequest}: the limit the program was started with, or 0 to leave the limit unchecked. */
    public static List<Check> all(long maxRequest, String reproduceAt) {
        List<Check> checks = new ArrayList<>(List.of(
                Check.required("replies '<count> <sha256>' once the client half-closes", 3,
                        t -> digests(t, random(1, 1000), reproduceAt)),
                Check.required("an empty request is '0 e3b0c442...'", 1, t -> digests(t, new byte[0], reproduceAt)),
                Check.required("a " + large(maxRequest) + "-byte request, digested right", 2,
                        t -> digests(t, random(2, large(maxRequest)), reproduceAt)),
                Check.required("says nothing before the half-close: the end of the request is the end of the stream", 2,
                        DigestChecks::waitsForTheHalfClose),
                Check.required("answers 20 clients at once", 1, DigestChecks::manyClients)));
        if (maxRequest > 0) {
            checks.add(Check.required("a request over " + maxRequest + " bytes gets an 'error:' line", 2,
                    t -> overTheLimit(t, maxRequest)));
        }
        return checks;
    }

    /** 10 MiB, or the program's limit if that is less. */
    static int large(long maxRequest) {
        return (int) (maxRequest > 0 ? Math.min(10 << 20, maxRequest) : 10 << 20);
    }

    static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String expected(byte[] request) throws Exception {
        return request.length + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(request));
    }

    private static String sendAndReply(Connector target, byte[] request) throws Exception {
        try (Peer peer = target.connect()) {
            for (int at = 0; at < request.length; at += 65536) {
                peer.out().write(request, at, Math.min(65536, request.length - at));
            }
            peer.shutdownOutput(); // "I am done sending": the server now knows the request is complete
            return readLine(peer.in());
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b != -1 && line.size() < 4096; b = in.read()) {
                line.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new CheckFailure("a request, then a half-close", "one line, then end of stream",
                    "'" + line.toString(StandardCharsets.US_ASCII).strip() + "' and no end of stream before the timeout", "");
        }
        return line.toString(StandardCharsets.US_ASCII).strip();
    }

    public static void digests(Connector target, byte[] request, String reproduceAt) throws Exception {
        String want = expected(request);
        String got = sendAndReply(target, request);
        if (!got.equals(want)) {
            throw new CheckFailure(request.length + " bytes, then a half-close", "'" + want + "'", "'" + got + "'",
                    "printf 'hello' | nc -N " + reproduceAt + "   (should print 5 2cf24dba5fb0a30e...)");
        }
    }

    public static void waitsForTheHalfClose(Connector target) throws Exception {
        try (Peer peer = target.connect()) {
            peer.out().write(random(3, 100));
            CheckFailure early = null;
            try (ExecutorService one = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Integer> first = one.submit(() -> peer.in().read());
                try {
                    int b = first.get(1, TimeUnit.SECONDS);
                    early = new CheckFailure("100 bytes, and no half-close yet", "nothing until the half-close",
                            b == -1 ? "end of stream: the connection closed" : "a reply already", "");
                } catch (java.util.concurrent.TimeoutException quiet) {
                    // as it should: the request is not over until the client says so
                }
                peer.reset(); // ends the read above either way
            }
            if (early != null) {
                throw early;
            }
        }
    }

    public static void manyClients(Connector target) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> replies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                byte[] request = random(100 + i, 1000 + i);
                replies.add(pool.submit(() -> sendAndReply(target, request)));
            }
            for (int i = 0; i < 20; i++) {
                String want = expected(random(100 + i, 1000 + i));
                String got = replies.get(i).get(30, TimeUnit.SECONDS);
                if (!got.equals(want)) {
                    throw new CheckFailure("client " + i + "'s request", "'" + want + "'", "'" + got + "'", "");
                }
            }
        }
    }

    public static void overTheLimit(Connector target, long maxRequest) throws Exception {
        String got;
        try {
            got = sendAndReply(target, random(4, (int) Math.min(Integer.MAX_VALUE - 8, maxRequest + 1)));
        } catch (IOException e) {
            throw new CheckFailure((maxRequest + 1) + " bytes, one over the limit", "a line starting 'error:'",
                    "the connection failed before a reply: " + e.getMessage(), "");
        }
        if (!got.startsWith("error:")) {
            throw new CheckFailure((maxRequest + 1) + " bytes, one over the limit", "a line starting 'error:'",
                    "'" + got + "'", "");
        }
    }
}
