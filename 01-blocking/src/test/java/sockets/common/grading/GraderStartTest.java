package sockets.common.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sockets.common.testing.ChapterProcess;

/**
 * How the grader gets its program and itself started: on a port that someone else took between the draw and
 * the program's bind (found failing in CI, where graders ran side by side without a private network), and
 * again in a private network when its own command line is longer than a page.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GraderStartTest {
    /**
     * A server in a few lines: binds 127.0.0.1 at the port it is given, says so, waits; or says why not, exit 1.
     * {@code fail}: exits at once for a reason of its own; {@code in-use}: says its address was in use, and exits.
     */
    public static final class BindOrSay {
        public static void main(String[] args) throws Exception {
            if (args[0].equals("fail") || args[0].equals("in-use")) {
                System.err.println(args[0].equals("fail") ? "no configuration file"
                        : "OSError: [Errno 98] Address already in use");
                System.exit(1);
            }
            ServerSocket server = new ServerSocket();
            try {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])));
            } catch (IOException e) {
                System.err.println("cannot listen: " + e.getMessage());
                System.exit(1);
            }
            System.out.println("listening on 127.0.0.1:" + server.getLocalPort());
            System.out.flush();
            System.in.read(); // until the grader stops it
        }
    }

    private static List<String> bindOrSay(String arg) throws Exception {
        String classes = Path.of(BindOrSay.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ChapterProcess.SHORT_LIVED);
        command.addAll(List.of("-cp", classes, BindOrSay.class.getName(), arg));
        return command;
    }

    @Test
    void aPortTakenBeforeTheProgramBindsItIsDrawnAgainNotHeldAgainstTheProgram(@TempDir Path folder) throws Exception {
        Sandbox sandbox = Sandbox.choose(false, Sandbox.Limits.DEFAULT, folder, List.of(), Map.of());
        AtomicInteger draws = new AtomicInteger();
        try (ServerSocket someoneElse = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int free = StudentProgram.freePort();
            StudentProgram.Ports ports = () -> draws.incrementAndGet() == 1 ? someoneElse.getLocalPort() : free;
            try (StudentProgram program = StudentProgram.startOnFreePort(sandbox, bindOrSay("{port}"), null, 30_000,
                    ports)) {
                assertEquals(2, draws.get(), "the taken port, then a free one");
                assertEquals(free, ((InetSocketAddress) program.address()).getPort());
            }
        } finally {
            sandbox.cleanUp();
        }
    }

    @Test
    void aPortTakenAtEveryDrawEndsInTheProgramsOwnWordsAfterThreeStarts(@TempDir Path folder) throws Exception {
        AtomicInteger draws = new AtomicInteger();
        try (ServerSocket someoneElse = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String message = failedStart(folder, "{port}", someoneElse::getLocalPort, draws);
            assertEquals(StudentProgram.PORT_TRIES, draws.get());
            assertTrue(message.contains("exited with code 1 before printing 'listening on HOST:PORT'")
                    && message.contains("cannot listen"), message);
        }
    }

    @Test
    void aProgramThatFailsForItsOwnReasonIsStartedOnce(@TempDir Path folder) throws Exception {
        AtomicInteger draws = new AtomicInteger();
        String message = failedStart(folder, "fail", StudentProgram::freePort, draws);
        assertEquals(1, draws.get());
        assertTrue(message.contains("no configuration file"), message);
    }

    /**
     * A port taken at the draw may be free again when the grader looks (a short connection that had it ended):
     * the program's own words, in any case, count as well.
     */
    @Test
    void aProgramThatSaysItsAddressWasInUseIsStartedAgain(@TempDir Path folder) throws Exception {
        AtomicInteger draws = new AtomicInteger();
        String message = failedStart(folder, "in-use", StudentProgram::freePort, draws);
        assertEquals(StudentProgram.PORT_TRIES, draws.get());
        assertTrue(message.contains("Address already in use"), message);
    }

    /** Starts {@link BindOrSay} with {@code arg} on ports from {@code ports}, counting draws: it must fail. */
    private static String failedStart(Path folder, String arg, StudentProgram.Ports ports, AtomicInteger draws)
            throws Exception {
        Sandbox sandbox = Sandbox.choose(false, Sandbox.Limits.DEFAULT, folder, List.of(), Map.of());
        StudentProgram.Ports counted = () -> {
            draws.incrementAndGet();
            return ports.next();
        };
        try {
            return assertThrows(GradingException.class, () -> StudentProgram.startOnFreePort(sandbox, bindOrSay(arg),
                    null, 30_000, counted).close()).getMessage();
        } finally {
            sandbox.cleanUp();
        }
    }

    /** Prints the grader's view of this JVM's command line: how many words, and the last one's length. */
    public static final class OwnCommandProbe {
        public static void main(String[] args) {
            List<String> words = PrivateNetwork.ownCommand().orElse(List.of());
            System.out.println(words.size() + " " + (words.isEmpty() ? 0 : words.getLast().length()));
        }
    }

    /**
     * The grader starts itself again in bubblewrap with its own command line. The JDK's
     * {@code ProcessHandle.Info.arguments()} gives none past 4,096 bytes, and a grader whose program is a Java
     * command is longer than that: it ran with the network shared and said so. Read whole, the line is found.
     */
    @Test
    void aCommandLineLongerThanAPageIsReadWhole() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/cmdline")),
                "reads /proc/self/cmdline, which is Linux's (bubblewrap, which needs it, is Linux's too)");
        String longWord = "x".repeat(6_000);
        try (ChapterProcess probe = ChapterProcess.start(List.of(), List.of(), OwnCommandProbe.class, null,
                "a", longWord)) {
            ChapterProcess.Result result = probe.awaitExit();
            assertEquals(0, result.exitCode(), result.stderr());
            String[] seen = result.stdout().strip().split(" ");
            assertEquals(String.valueOf(longWord.length()), seen[1], "the last word, whole: " + result.stdout());
            assertTrue(Integer.parseInt(seen[0]) > 4, "java, its options, -cp, the class path, the class, a, x...: "
                    + result.stdout());
        }
    }
}
