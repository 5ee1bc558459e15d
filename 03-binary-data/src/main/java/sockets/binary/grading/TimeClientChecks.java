package sockets.binary.grading;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import sockets.binary.TimeProtocol;
import sockets.blocking.Relay;
import sockets.blocking.grading.CheckServers;
import sockets.common.grading.Check;
import sockets.common.grading.CheckFailure;
import sockets.common.grading.ClientChecks;
import sockets.common.grading.Hints;
import sockets.common.grading.PrintedTime;
import sockets.common.grading.StudentClient;

/**
 * What an RFC 868 time client must do, as checks that run a student's client (any language) against a
 * server that sends 4 bytes the check chose: read exactly those 4, however they arrive; print the instant
 * they name in ISO-8601 UTC (any form {@link PrintedTime} accepts); fail, with exit 1 and one line, on fewer;
 * and (optional) read a count past the 2036 wrap as RFC 4330 does. The instants are drawn afresh from the
 * run's seed, so a client that prints a constant cannot pass.
 */
public final class TimeClientChecks {
    /** The first instant whose count has its top bit set (1968-01-20): read signed, every later one goes wrong. */
    static final Instant TOP_BIT = Instant.ofEpochSecond((1L << 31) - TimeProtocol.SECONDS_1900_TO_1970);
    /** The wrap (2036-02-07T06:28:16Z): a count past it has its top bit clear, and RFC 4330 places it in 2036-2104. */
    static final Instant WRAP = Instant.ofEpochSecond(TimeProtocol.ERA - TimeProtocol.SECONDS_1900_TO_1970);

    private TimeClientChecks() {
    }

    /** Every check, in the order a student should fix them, with its points; the instants drawn from {@code seed}. */
    public static List<Check> all(StudentClient client, long seed) {
        Random random = new Random(seed);
        Instant known = TOP_BIT.plusSeconds(1 + (long) (random.nextDouble() * (WRAP.getEpochSecond() - TOP_BIT.getEpochSecond() - 2)));
        Instant cut = TOP_BIT.plusSeconds(1 + (long) (random.nextDouble() * (WRAP.getEpochSecond() - TOP_BIT.getEpochSecond() - 2)));
        Instant afterWrap = WRAP.plusSeconds(16 + (long) (random.nextDouble() * ((1L << 31) - 32)));
        return List.of(
                Check.required("prints the time the 4 bytes name, in ISO-8601 UTC", 3,
                        t -> printsTheTime(client, known, Relay.Faults.NONE)),
                Check.required("reads all 4 bytes when they arrive one at a time (relay --chunk 1 --delay-ms 50)", 2,
                        t -> printsTheTime(client, cut, new Relay.Faults(1, 50))),
                Check.required("exits 1 with one line on stderr when the server closes after 2 bytes", 1,
                        t -> refusesAShortReply(client, known)),
                Check.required("exits 1 with one line on stderr when nothing listens", 1,
                        t -> ClientChecks.exitsOneWhenRefused(client, List.of())),
                new Check("reads a count past the 2036 wrap as RFC 4330 does", 1, false,
                        t -> printsTheTime(client, afterWrap, Relay.Faults.NONE)));
    }

    /** A server that sends {@code bytes} and ends the stream, as an RFC 868 server does. */
    private static CheckServers sending(byte[] bytes) throws IOException {
        return CheckServers.serve(socket -> {
            socket.getOutputStream().write(bytes);
            socket.shutdownOutput();
            socket.setSoTimeout(10_000);
            try {
                socket.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (SocketTimeoutException e) {
                // the client never closed: the check says what it did
            }
        });
    }

    private static void printsTheTime(StudentClient client, Instant time, Relay.Faults faults) throws Exception {
        byte[] bytes = TimeProtocol.encode(time);
        try (CheckServers server = sending(bytes); CheckServers relay = CheckServers.relay(server.address(), faults)) {
            StudentClient.Run run = client.run(relay.port(), List.of());
            if (run.exitCode() != 0 || !PrintedTime.shows(run.stdout(), time)) {
                throw new CheckFailure(HexFormat.ofDelimiter(" ").formatHex(bytes) + " (" + TimeProtocol.seconds(time)
                        + " seconds since 1900)" + (faults.chunk() > 0 ? ", one byte per write" : ""),
                        "exit 0 and " + time + " on stdout", run.describe() + hint(run.stdout(), bytes),
                        Hints.jar("03-binary-data") + " dump 0x" + HexFormat.of().formatHex(bytes)
                                + " --type u32   (the count's bytes in network order and little-endian)");
            }
        }
    }

    private static void refusesAShortReply(StudentClient client, Instant time) throws Exception {
        byte[] two = Arrays.copyOf(TimeProtocol.encode(time), 2);
        try (CheckServers server = sending(two)) {
            StudentClient.Run run = client.run(server.port(), List.of());
            if (!run.failedInOneLine()) {
                throw new CheckFailure("2 bytes (" + HexFormat.ofDelimiter(" ").formatHex(two) + "), then end of stream",
                        "exit 1 and one line on stderr: the reply is short", run.describe(), "");
            }
        }
    }

    /**
     * What the usual mistakes print, named: the bytes read little-endian, a count past 2036 read without
     * RFC 4330's era rule, a count read signed, or counted from 1970.
     */
    private static String hint(String stdout, byte[] bytes) {
        long big = 0;
        long little = 0;
        for (int i = 0; i < 4; i++) {
            big = big << 8 | (bytes[i] & 0xff);
            little = little << 8 | (bytes[3 - i] & 0xff);
        }
        record Mistake(String name, long epochSecond) {
        }
        long littleInItsEra = little < 1L << 31 ? little + TimeProtocol.ERA : little; // as the 2036 rule places it
        List<Mistake> era = big < 1L << 31 ? List.of(new Mistake("read without RFC 4330's era rule: a count with its top"
                + " bit clear is past 2036, not before 1968", big - TimeProtocol.SECONDS_1900_TO_1970)) : List.of();
        List<Mistake> mistakes = new java.util.ArrayList<>(era);
        mistakes.addAll(List.of(new Mistake("read little-endian", little - TimeProtocol.SECONDS_1900_TO_1970),
                new Mistake("read little-endian", littleInItsEra - TimeProtocol.SECONDS_1900_TO_1970),
                new Mistake("read as a signed 32-bit number", (int) big - TimeProtocol.SECONDS_1900_TO_1970),
                new Mistake("counted from 1970, not 1900", big)));
        for (Mistake m : mistakes) {
            if (stdout.contains(Instant.ofEpochSecond(m.epochSecond()).toString().substring(0, 10))) {
                return " (that is the count " + m.name() + ")";
            }
        }
        return "";
    }
}
