package sockets.blocking.grading;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import sockets.blocking.EchoHandler;
import sockets.blocking.Relay;
import sockets.common.grading.Check;
import sockets.common.grading.Hints;
import sockets.common.grading.CheckFailure;
import sockets.common.grading.ClientChecks;
import sockets.common.grading.StudentClient;

/**
 * What an echo client must do, as checks that run a student's client (any language) against chapter
 * 01's echo server, directly and through its relay: send the words it is given, joined by spaces, plus a
 * newline; print the echo; exit 0 only if the echo is what it sent; exit 1 with one line when it cannot.
 */
public final class EchoClientChecks {
    private static final String JAR = Hints.jar("01-blocking");

    private EchoClientChecks() {
    }

    /** Every check, in the order a student should fix them, with its points. */
    public static List<Check> all(StudentClient client) {
        List<String> longMessage = words(8_000, 3); // what a client keeps of stdout (64 KiB) holds all of its echo
        int longBytes = String.join(" ", longMessage).length() + 1;
        return List.of(
                Check.required("prints the echo of a short message and exits 0", 2,
                        t -> echoes(client, List.of("hello", "world"), Relay.Faults.NONE)),
                Check.required("prints the whole echo when it arrives one byte at a time (relay --chunk 1 --delay-ms 1)", 2,
                        t -> echoes(client, words(40, 2), new Relay.Faults(1, 1))),
                Check.required("sends and prints a " + longBytes + "-byte message through a relay that cuts it into"
                        + " 1,000-byte pieces", 2, t -> echoes(client, longMessage, new Relay.Faults(1_000, 0))),
                Check.required("exits non-zero when the echo differs from what it sent", 1, t -> noticesAWrongEcho(client)),
                Check.required("exits 1 with one line on stderr when nothing listens", 1,
                        t -> ClientChecks.exitsOneWhenRefused(client, List.of("hello"))));
    }

    /** {@code count} words of letters, drawn with {@code seed}, about 7 bytes each with their spaces. */
    static List<String> words(int count, long seed) {
        Random random = new Random(seed);
        List<String> words = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder word = new StringBuilder();
            for (int j = 2 + random.nextInt(9); j > 0; j--) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            words.add(word.toString());
        }
        return words;
    }

    private static void echoes(StudentClient client, List<String> words, Relay.Faults faults) throws Exception {
        String expected = String.join(" ", words) + "\n";
        try (CheckServers echo = CheckServers.serve(new EchoHandler());
             CheckServers relay = CheckServers.relay(echo.address(), faults)) {
            StudentClient.Run run = client.run(relay.port(), words);
            if (run.exitCode() != 0 || !run.stdout().equals(expected)) {
                throw new CheckFailure(words.size() + " words (" + expected.length() + " bytes with spaces and newline)"
                        + (faults.chunk() > 0 ? " through a relay forwarding " + faults.chunk() + "-byte pieces" : ""),
                        "exit 0 and exactly those bytes on stdout", run.describe(),
                        reproduce(client, faults, words));
            }
        }
    }

    private static void noticesAWrongEcho(StudentClient client) throws Exception {
        // A server that echoes every byte but the first, which it turns to upper case: close, not right.
        try (CheckServers liar = CheckServers.serve(socket -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            boolean first = true;
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                if (first && n > 0) {
                    buffer[0] = (byte) Character.toUpperCase(buffer[0]);
                    first = false;
                }
                out.write(buffer, 0, n);
            }
            socket.shutdownOutput();
        })) {
            StudentClient.Run run = client.run(liar.port(), List.of("hello", "world"));
            if (run.exitCode() == 0 || run.timedOut()) {
                throw new CheckFailure("'hello world' to a server that echoes 'Hello world'",
                        "an exit code other than 0 (the echo differs)", run.describe(), "");
            }
        }
    }

    private static String reproduce(StudentClient client, Relay.Faults faults, List<String> words) {
        List<String> shown = words.size() <= 5 ? words : List.of(words.get(0), words.get(1), "...(" + words.size() + " words)");
        String run = client.commandLine(7008, shown);
        if (faults.equals(Relay.Faults.NONE)) {
            return JAR + " echo-server --port 7008 &  then: " + run;
        }
        return JAR + " echo-server --port 7007 &  " + JAR + " relay --listen 7008 --to 127.0.0.1:7007 --chunk "
                + faults.chunk() + (faults.delayMs() > 0 ? " --delay-ms " + faults.delayMs() : "") + " &  then: " + run;
    }
}
