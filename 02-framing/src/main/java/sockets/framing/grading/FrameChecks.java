package sockets.framing.grading;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import sockets.blocking.Relay;
import sockets.blocking.grading.CheckServers;
import sockets.common.grading.Check;
import sockets.common.grading.Hints;
import sockets.common.grading.CheckFailure;
import sockets.common.grading.Connector;
import sockets.common.grading.Target;
import sockets.common.grading.Peer;
import sockets.framing.AsciiLengthFraming;
import sockets.framing.FixedLengthFraming;
import sockets.framing.FrameException;
import sockets.framing.FrameReader;
import sockets.framing.Framing;
import sockets.framing.LineFraming;
import sockets.framing.TypedFraming;

/**
 * What every frame echo server must do for a framing, whatever its language: echo each message framed
 * the same way, however the stream is cut, keep the leftover of a read, refuse a frame over its limit and
 * bytes that are no frame by closing that connection only. Run by {@code grade frame-server} against a
 * student's program; the JUnit {@code FrameServerContract} runs them too. Written once.
 */
public final class FrameChecks {
    /** How long the relayed check waits for each byte of a reply: they come back one per write as well. */
    private static final int CUT_TIMEOUT_MS = 10_000;

    private FrameChecks() {
    }

    /**
     * The checks for {@code framing} against the server at {@code server}; a framing with no limit or no
     * corrupt form skips those checks.
     */
    public static List<Check> all(Framing framing, InetSocketAddress server) {
        String reproduceAt = Target.Reach.TCP.hint(server);
        List<Check> checks = new ArrayList<>();
        checks.add(Check.required("echoes 100 messages, each framed the same way", 2, t -> echoesMessages(t, framing)));
        checks.add(Check.required("answers every message of a write that carried three", 2, t -> severalInOneWrite(t, framing)));
        checks.add(Check.required("a stream written one byte at a time still gives whole messages", 2,
                t -> oneByteAtATime(t, framing)));
        checks.add(Check.required("a stream cut at every byte by chapter 01's relay (--chunk 1) still gives whole messages",
                1, t -> cutAtEveryByteByTheRelay(server, framing)));
        if (canAnnounceMoreThanItsLimit(framing)) {
            checks.add(Check.required("a frame over the limit (" + framing.maxFrame() + " bytes) ends that connection,"
                    + " and the others are served", 2, t -> overTheLimit(t, framing)));
        }
        byte[] garbage = garbageFor(framing);
        if (garbage != null) {
            checks.add(Check.required("bytes that are no frame end that connection, and the others are served", 2,
                    t -> garbage(t, framing, garbage)));
        }
        checks.add(Check.required("a client closing in the middle of a message disturbs no other", 1,
                t -> closedMidMessage(t, framing)));
        return checks;
    }

    /**
     * Whether a peer can start a frame over {@code framing}'s limit: not for fixed and typed (the length is
     * the framing's own), nor for ascii at its full limit (5 digits cannot say more than 99,999).
     */
    public static boolean canAnnounceMoreThanItsLimit(Framing framing) {
        return switch (framing.name()) {
            case "length", "netstring", "line" -> true;
            case "ascii" -> framing.maxFrame() < AsciiLengthFraming.LIMIT;
            default -> false;
        };
    }

    /** A message {@code framing} can carry, from {@code random}. */
    public static byte[] message(Framing framing, Random random) {
        if (framing instanceof TypedFraming) {
            byte[] number = new byte[9];
            random.nextBytes(number);
            number[0] = 'N'; // a type of 8 bytes
            return number;
        }
        int size = framing instanceof FixedLengthFraming ? framing.maxFrame() : random.nextInt(Math.min(2000, framing.maxFrame()) + 1);
        byte[] message = new byte[size];
        random.nextBytes(message);
        if (framing instanceof LineFraming) {
            for (int i = 0; i < message.length; i++) {
                message[i] = message[i] == '\n' ? (byte) ' ' : message[i];
            }
        }
        return message;
    }

    public static void echoesMessages(Connector target, Framing framing) throws IOException {
        Random random = new Random(2);
        try (Peer peer = target.connect()) {
            FrameReader replies = new FrameReader(peer.in(), framing.newDecoder());
            for (int i = 0; i < 100; i++) {
                byte[] message = message(framing, random);
                peer.out().write(framing.encode(message));
                expect(replies, message, "message " + (i + 1) + " of 100 (" + message.length + " bytes), "
                        + framing.name() + "-framed");
            }
        }
    }

    public static void severalInOneWrite(Connector target, Framing framing) throws IOException {
        Random random = new Random(3);
        byte[][] messages = {message(framing, random), message(framing, random), message(framing, random)};
        byte[] all = concat(framing.encode(messages[0]), framing.encode(messages[1]), framing.encode(messages[2]));
        try (Peer peer = target.connect()) {
            peer.out().write(all); // three frames in one write: they arrive in one read, or split anywhere
            FrameReader replies = new FrameReader(peer.in(), framing.newDecoder());
            for (int i = 0; i < 3; i++) {
                expect(replies, messages[i], "message " + (i + 1) + " of three sent in one write (the rest of a read"
                        + " is the start of the next message: keep it)");
            }
        }
    }

    public static void oneByteAtATime(Connector target, Framing framing) throws IOException {
        Random random = new Random(4);
        byte[][] messages = {message(framing, random), message(framing, random)};
        byte[] all = concat(framing.encode(messages[0]), framing.encode(messages[1]));
        try (Peer peer = target.connect()) {
            for (byte b : all) {
                peer.out().write(b); // each byte its own write: a server reading "a message per read" fails
                peer.out().flush();
            }
            FrameReader replies = new FrameReader(peer.in(), framing.newDecoder());
            for (int i = 0; i < 2; i++) {
                expect(replies, messages[i], "message " + (i + 1) + " of two, written one byte per write");
            }
        }
    }

    /**
     * Five messages through chapter 01's relay forwarding one byte per write, with Nagle off: the server
     * sees a piece end after every byte of every header, delimiter and payload.
     */
    public static void cutAtEveryByteByTheRelay(InetSocketAddress server, Framing framing) throws Exception {
        Random random = new Random(7);
        byte[][] messages = new byte[5][];
        byte[][] frames = new byte[5][];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = message(framing, random);
            frames[i] = framing.encode(messages[i]);
        }
        try (CheckServers relay = CheckServers.relay(server, new Relay.Faults(1, 0));
             Peer peer = Peer.tcp(relay.address(), CUT_TIMEOUT_MS)) {
            peer.out().write(concat(frames));
            FrameReader replies = new FrameReader(peer.in(), framing.newDecoder());
            for (int i = 0; i < messages.length; i++) {
                expect(replies, messages[i], "message " + (i + 1) + " of five, through a relay that forwards one byte"
                        + " per write (" + Hints.jar("01-blocking") + " relay --to HOST:PORT --chunk 1)");
            }
        }
    }

    public static void overTheLimit(Connector target, Framing framing) throws Exception {
        byte[] opening = overLimitOpening(framing);
        try (Peer good = target.connect(); Peer bad = target.connect()) {
            bad.out().write(opening);
            expectClosed(bad, "the start of a frame of " + (framing.maxFrame() + 1) + " bytes, over the limit ("
                    + HexFormat.ofDelimiter(" ").formatHex(Arrays.copyOf(opening, Math.min(opening.length, 16))) + "...)");
            echoOne(good, framing, "a good client's message while another sent a frame over the limit");
        }
    }

    public static void garbage(Connector target, Framing framing, byte[] garbage) throws Exception {
        try (Peer good = target.connect(); Peer bad = target.connect()) {
            bad.out().write(garbage);
            expectClosed(bad, "'" + new String(garbage, StandardCharsets.US_ASCII).strip() + "', which is no "
                    + framing.name() + " frame");
            echoOne(good, framing, "a good client's message while another sent garbage");
        }
    }

    public static void closedMidMessage(Connector target, Framing framing) throws Exception {
        byte[] frame = framing.encode(message(framing, new Random(5)));
        try (Peer good = target.connect()) {
            try (Peer leaving = target.connect()) {
                leaving.out().write(Arrays.copyOf(frame, Math.max(1, frame.length / 2)));
            }
            echoOne(good, framing, "a good client's message after another closed in the middle of one");
        }
    }

    private static void echoOne(Peer peer, Framing framing, String what) throws IOException {
        byte[] message = message(framing, new Random(6));
        peer.out().write(framing.encode(message));
        expect(new FrameReader(peer.in(), framing.newDecoder()), message, what);
    }

    private static void expect(FrameReader replies, byte[] message, String what) throws IOException {
        byte[] got;
        try {
            got = replies.read();
        } catch (SocketTimeoutException e) {
            throw new CheckFailure(what, "the same message back, framed the same way", "nothing within the read timeout", "");
        } catch (FrameException e) {
            throw new CheckFailure(what, "the same message back, framed the same way",
                    "bytes that are no valid frame: " + e.getMessage(), "");
        }
        if (got == null) {
            throw new CheckFailure(what, "the same message back", "end of stream: the server closed the connection", "");
        }
        if (!Arrays.equals(message, got)) {
            throw new CheckFailure(what, "the same " + message.length + " bytes back",
                    "a message of " + got.length + " bytes that differs", "");
        }
    }

    /** The server must close this connection: end of stream or a reset, within the read timeout. */
    private static void expectClosed(Peer peer, String sent) throws IOException {
        InputStream in = peer.in();
        try {
            byte[] buffer = new byte[8192];
            for (int i = 0; i < 10_000; i++) {
                if (in.read(buffer) == -1) {
                    return;
                }
            }
        } catch (SocketException reset) {
            return; // closed with our bytes unread: a reset, closed all the same
        } catch (SocketTimeoutException e) {
            throw new CheckFailure(sent, "the server to close this connection (its frame is refused)",
                    "the connection still open after the read timeout: does the server check the limit as the"
                            + " length arrives, or does it wait for (or allocate) the whole frame?", "");
        }
        throw new CheckFailure(sent, "the connection closed", "a stream of replies instead", "");
    }

    /** The first bytes of a frame one byte over the limit: the header, or the line so far. */
    public static byte[] overLimitOpening(Framing framing) {
        long length = framing.maxFrame() + 1L;
        return switch (framing.name()) {
            case "length" -> new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
            case "netstring" -> (length + ":").getBytes(StandardCharsets.US_ASCII);
            case "ascii" -> String.format("%05d", length).getBytes(StandardCharsets.US_ASCII);
            default -> { // line: more than the limit, and no newline
                byte[] line = new byte[(int) length + 1];
                Arrays.fill(line, (byte) 'x');
                yield line;
            }
        };
    }

    /** Bytes that are no frame of {@code framing}, or null where any bytes are (length, line, fixed). */
    public static byte[] garbageFor(Framing framing) {
        return switch (framing.name()) {
            case "netstring", "ascii" -> "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            case "typed" -> new byte[] {'Z', 0, 0, 0, 0};
            default -> null;
        };
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
