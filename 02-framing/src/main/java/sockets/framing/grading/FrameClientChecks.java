package sockets.framing.grading;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import sockets.blocking.Relay;
import sockets.blocking.grading.CheckServers;
import sockets.common.grading.Check;
import sockets.common.grading.Hints;
import sockets.common.grading.CheckFailure;
import sockets.common.grading.ClientChecks;
import sockets.common.grading.StudentClient;
import sockets.framing.FixedLengthFraming;
import sockets.framing.FrameEchoHandler;
import sockets.framing.FrameReader;
import sockets.framing.Framing;

/**
 * What a frame client must do, as checks that run a student's client (any language) against chapter 02's
 * frame server, directly and through chapter 01's relay: send each of its arguments as one frame, all in
 * one write; print each reply on a line of its own; refuse a reply over its limit rather than wait for it;
 * exit 1 with one line when it cannot.
 */
public final class FrameClientChecks {
    private static final String JAR = Hints.jar("02-framing");

    private FrameClientChecks() {
    }

    /** Every check for {@code framing}, in the order a student should fix them, with its points. */
    public static List<Check> all(Framing framing, StudentClient client) {
        List<Check> checks = new ArrayList<>();
        checks.add(Check.required("sends each argument as one frame and prints each reply on a line of its own", 2,
                t -> echoes(client, framing, messages(framing, 3, 1), Relay.Faults.NONE)));
        checks.add(Check.required("prints whole replies when they arrive one byte at a time (relay --chunk 1 --delay-ms 1)",
                2, t -> echoes(client, framing, messages(framing, 5, 2), new Relay.Faults(1, 1))));
        checks.add(Check.required("splits replies that arrive together in one read", 2,
                t -> coalescedReplies(client, framing, messages(framing, 4, 3))));
        byte[] overLimit = switch (framing.name()) {
            case "length", "netstring", "line" -> FrameChecks.overLimitOpening(framing);
            default -> null; // fixed, typed and 5-digit ascii cannot announce more than their limit
        };
        if (overLimit != null) {
            checks.add(Check.required("refuses a reply over its limit (" + framing.maxFrame() + " bytes) at once:"
                    + " exits 1, not waiting for it", 2, t -> refusesAReplyOverTheLimit(client, framing, overLimit)));
        }
        checks.add(Check.required("exits 1 with one line on stderr when nothing listens", 1,
                t -> ClientChecks.exitsOneWhenRefused(client, messages(framing, 1, 4))));
        return checks;
    }

    /** {@code count} words this framing can carry as text: {@code fixed:N} ones exactly N letters long. */
    static List<String> messages(Framing framing, int count, long seed) {
        Random random = new Random(seed);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = framing instanceof FixedLengthFraming ? framing.maxFrame() : 1 + random.nextInt(Math.min(20, framing.maxFrame()));
            StringBuilder word = new StringBuilder();
            for (int j = 0; j < length; j++) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            words.add(word.toString());
        }
        return words;
    }

    private static void echoes(StudentClient client, Framing framing, List<String> messages, Relay.Faults faults)
            throws Exception {
        try (CheckServers server = CheckServers.serve(new FrameEchoHandler(framing));
             CheckServers relay = CheckServers.relay(server.address(), faults)) {
            StudentClient.Run run = client.run(relay.port(), messages);
            expectLines(run, messages, messages.size() + " messages " + framing.name() + "-framed"
                    + (faults.chunk() > 0 ? ", through a relay forwarding one byte per write" : ""),
                    JAR + " frame-server --framing " + framing.name() + " --port 7008 &  "
                            + (faults.chunk() > 0 ? Hints.jar("01-blocking") + " relay --listen 7009 --to"
                            + " 127.0.0.1:7008 --chunk 1 --delay-ms 1 &  " : "") + "then: "
                            + client.commandLine(faults.chunk() > 0 ? 7009 : 7008, messages));
        }
    }

    private static void coalescedReplies(StudentClient client, Framing framing, List<String> messages) throws Exception {
        // A server that reads every frame first, then answers them all in one write: a client taking one
        // read for one reply gets them all at once and must split them.
        try (CheckServers server = CheckServers.serve(socket -> {
            FrameReader frames = new FrameReader(socket.getInputStream(), framing.newDecoder());
            ByteArrayOutputStream replies = new ByteArrayOutputStream();
            for (int i = 0; i < messages.size(); i++) {
                byte[] frame = frames.read();
                if (frame == null) {
                    return;
                }
                framing.encode(frame, replies);
            }
            socket.getOutputStream().write(replies.toByteArray());
            socket.shutdownOutput();
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        })) {
            StudentClient.Run run = client.run(server.port(), messages);
            expectLines(run, messages, messages.size() + " messages; the server answered all " + messages.size()
                    + " in one write", "");
        }
    }

    private static void refusesAReplyOverTheLimit(StudentClient client, Framing framing, byte[] opening) throws Exception {
        // A server that answers with the start of a frame over the limit, then keeps the connection open: a
        // client that checks the length as it arrives stops at once; one that waits for the frame never ends.
        try (CheckServers server = CheckServers.serve(socket -> {
            socket.getOutputStream().write(opening);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, client.boundMs() + 1_000));
            try {
                socket.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (SocketTimeoutException e) {
                // the client was killed first; the check says so
            }
        })) {
            List<String> messages = messages(framing, 1, 5);
            StudentClient.Run run = client.run(server.port(), messages);
            if (run.exitCode() != 1) {
                throw new CheckFailure("one message; the reply began a frame of " + (framing.maxFrame() + 1L)
                        + " bytes, one over the limit, and the server then waited",
                        "exit 1 with one line: the reply is over the limit", run.describe(), "");
            }
        }
    }

    private static void expectLines(StudentClient.Run run, List<String> messages, String sent, String reproduce) {
        String expected = String.join("\n", messages) + "\n";
        if (run.exitCode() != 0 || !run.stdout().equals(expected)) {
            throw new CheckFailure(sent, "exit 0 and each reply on a line: " + expected.replace("\n", "\\n"),
                    run.describe(), reproduce);
        }
    }
}
