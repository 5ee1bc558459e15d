package sockets.binary.grading;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import sockets.binary.TimeProtocol;
import sockets.common.grading.Check;
import sockets.common.grading.CheckFailure;
import sockets.common.grading.Connector;
import sockets.common.grading.Peer;

/**
 * What an RFC 868 time server must do, whatever its language: speak first, send exactly 4 bytes (the
 * seconds since 1900, big-endian, unsigned), and close. Run by {@code grade time-server} and by chapter 03's
 * tests against its own server. Written once.
 */
public final class TimeChecks {
    /** What the grader sends: "sent nothing" alone reads as if the program had sent nothing. */
    private static final String ONLY_CONNECTS = "nothing (an RFC 868 client only connects)";

    private TimeChecks() {
    }

    public static List<Check> all(String reproduceAt) {
        return List.of(
                Check.required("speaks first: 4 bytes without being asked, then end of stream", 2,
                        t -> fourBytesThenEnd(t, reproduceAt)),
                Check.required("the 4 bytes are this machine's time: seconds since 1900, big-endian, within 2 s", 3,
                        t -> agreesWithTheClock(t, reproduceAt)),
                Check.required("answers 20 clients connecting at once", 1, TimeChecks::manyClients));
    }

    /** What the server sent before closing: at most 64 bytes, bounded by the peer's read timeout. */
    private static byte[] reply(Peer peer, String reproduceAt) throws IOException {
        InputStream in = peer.in();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b != -1 && got.size() < 64; b = in.read()) {
                got.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new CheckFailure(ONLY_CONNECTS, "4 bytes, then end of stream",
                    (got.size() == 0 ? "nothing" : HexFormat.ofDelimiter(" ").formatHex(got.toByteArray()))
                            + ", and no end of stream before the timeout", "nc " + reproduceAt + " | xxd");
        }
        return got.toByteArray();
    }

    public static void fourBytesThenEnd(Connector target, String reproduceAt) throws IOException {
        try (Peer peer = target.connect()) {
            byte[] got = reply(peer, reproduceAt);
            if (got.length != TimeProtocol.SIZE) {
                throw new CheckFailure(ONLY_CONNECTS, "exactly 4 bytes, then end of stream", got.length + " bytes ("
                        + HexFormat.ofDelimiter(" ").formatHex(got) + ")", "nc " + reproduceAt + " | xxd");
            }
        }
    }

    public static void agreesWithTheClock(Connector target, String reproduceAt) throws IOException {
        Instant before = Instant.now();
        byte[] got;
        try (Peer peer = target.connect()) {
            got = reply(peer, reproduceAt);
        }
        Instant after = Instant.now();
        if (got.length < TimeProtocol.SIZE) {
            throw new CheckFailure(ONLY_CONNECTS, "4 bytes of time", got.length + " bytes", "nc " + reproduceAt + " | xxd");
        }
        Instant told = TimeProtocol.decode(java.util.Arrays.copyOf(got, TimeProtocol.SIZE));
        if (told.isBefore(before.minusSeconds(2)) || told.isAfter(after.plusSeconds(2))) {
            Instant littleEndian = TimeProtocol.decode(new byte[] {got[3], got[2], got[1], got[0]});
            String hint = Duration.between(littleEndian, before).abs().getSeconds() < 10 ? " (read little-endian it"
                    + " would be right: send network order, big-endian)"
                    : Duration.between(told.plusSeconds(TimeProtocol.SECONDS_1900_TO_1970), before).abs().getSeconds() < 10
                    ? " (counted from 1970, not 1900: add 2,208,988,800)" : "";
            throw new CheckFailure(ONLY_CONNECTS, "about " + before, HexFormat.ofDelimiter(" ").formatHex(got, 0, 4)
                    + ", which is " + told + hint, "nc " + reproduceAt + " | xxd");
        }
    }

    public static void manyClients(Connector target) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> replies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                replies.add(pool.submit(() -> {
                    try (Peer peer = target.connect()) {
                        return peer.in().readNBytes(TimeProtocol.SIZE).length;
                    }
                }));
            }
            for (int i = 0; i < replies.size(); i++) {
                int n = replies.get(i).get(30, TimeUnit.SECONDS);
                if (n != TimeProtocol.SIZE) {
                    throw new CheckFailure("client " + i + " of 20 connecting at once", "4 bytes", n + " bytes", "");
                }
            }
        }
    }
}
