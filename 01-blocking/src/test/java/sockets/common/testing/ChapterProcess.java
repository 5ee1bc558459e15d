package sockets.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import sockets.common.HostPort;

/**
 * A chapter's entry class run as a real process, the way a grader runs it: exit codes, stdout and
 * stderr as they really are. A server's address is taken from its {@code listening on} line.
 */
public final class ChapterProcess implements AutoCloseable {
    private static final long WAIT_SECONDS = 30;

    private final Process process;
    private final LinkedBlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> stderrLines = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> stdout = new CompletableFuture<>();
    private final CompletableFuture<String> stderr;

    private ChapterProcess(Process process) {
        this.process = process;
        Thread.ofVirtual().start(() -> stdout.complete(pump(process.getInputStream(), stdoutLines)));
        stderr = CompletableFuture.supplyAsync(() -> pump(process.getErrorStream(), stderrLines), Thread::startVirtualThread);
    }

    /** Reads a child's output to its end, also handing out each line as it comes. */
    private static String pump(InputStream in, LinkedBlockingQueue<String> lines) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                all.write(buffer, 0, n);
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines.add(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(buffer[i]);
                    }
                }
            }
        } catch (IOException e) {
            all.writeBytes(("<unreadable: " + e + ">\n").getBytes(StandardCharsets.UTF_8));
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    /**
     * How the tests start a chapter's JVM: it lives seconds, so C2's compilations and the parallel collector's
     * threads would cost more CPU than they save, on two cores the whole suite shares (timed once here with
     * /usr/bin/time, two runs each: one grade of the echo-server reference took 1.86-1.95 s of CPU with the
     * defaults, 1.66-1.67 s with these). What a test proves does not depend on them.
     */
    public static final List<String> SHORT_LIVED = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** Starts {@code main} with {@code args} in a new JVM on this test's class path. */
    public static ChapterProcess start(Class<?> main, String... args) throws IOException {
        return start(main, null, args);
    }

    /** The same, with standard input read from {@code stdin} (null: none). */
    public static ChapterProcess start(Class<?> main, Path stdin, String... args) throws IOException {
        return start(List.of(), main, stdin, args);
    }

    /**
     * The same, the java command preceded by {@code prefix}: {@code ip netns exec NS} runs the chapter in a
     * network namespace a test made.
     */
    public static ChapterProcess start(List<String> prefix, Class<?> main, Path stdin, String... args)
            throws IOException {
        return start(prefix, List.of(), main, stdin, args);
    }

    /**
     * The same, with options for the child JVM ({@code -Xmx64m}): a test that attacks a server's memory runs it
     * with a heap small enough that an unbounded allocation ends in {@code OutOfMemoryError}.
     */
    public static ChapterProcess start(List<String> prefix, List<String> jvmOptions, Class<?> main, Path stdin,
                                       String... args) throws IOException {
        return start(prefix, jvmOptions, java.util.Map.of(), main, stdin, args);
    }

    /** The same, with {@code environment} added to this JVM's for the child. */
    public static ChapterProcess start(List<String> prefix, List<String> jvmOptions,
                                       java.util.Map<String, String> environment, Class<?> main, Path stdin,
                                       String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SHORT_LIVED);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        Process process = builder.start();
        if (stdin == null) {
            process.getOutputStream().close();
        }
        return new ChapterProcess(process);
    }

    /** Runs to completion (bounded) and returns what it did. */
    public static Result run(Class<?> main, String... args) throws Exception {
        try (ChapterProcess p = start(main, args)) {
            return p.awaitExit();
        }
    }

    /** What a finished process did. */
    public record Result(int exitCode, String stdout, String stderr) {
        public List<String> stderrLines() {
            return stderr.lines().toList();
        }

        /** Exit code as expected, and stderr exactly one line with no stack trace in it. */
        public void assertOneLineFailure(int expectedExit) {
            assertEquals(expectedExit, exitCode, () -> "exit code; stderr was:\n" + stderr);
            assertEquals(1, stderrLines().size(), () -> "one line on stderr, was:\n" + stderr);
            assertNoStackTrace();
        }

        /** The same, and that one line contains {@code text}. */
        public void assertOneLineFailure(int expectedExit, String text) {
            assertOneLineFailure(expectedExit);
            assertTrue(stderr.contains(text), () -> "stderr should contain '" + text + "', was:\n" + stderr);
        }

        public void assertNoStackTrace() {
            assertTrue(!stderr.contains("\tat ") && !stderr.contains("Exception in thread"),
                    () -> "no stack trace expected, stderr was:\n" + stderr);
        }
    }

    /** Waits for the first stdout line, which a server makes {@code listening on HOST:PORT}. */
    public InetSocketAddress awaitListening() throws InterruptedException {
        String first = awaitFirstLine();
        assertTrue(first.startsWith("listening on "), () -> "first stdout line: " + first);
        HostPort hostPort = HostPort.parse(first.substring("listening on ".length()));
        return new InetSocketAddress(hostPort.host(), hostPort.port());
    }

    /** Waits (bounded) for the first line on stdout, whatever it says. */
    public String awaitFirstLine() throws InterruptedException {
        return awaitFirstLine(WAIT_SECONDS);
    }

    /** Waits up to {@code seconds} for the first line on stdout: for a process whose own work before it is long. */
    public String awaitFirstLine(long seconds) throws InterruptedException {
        String first = stdoutLines.poll(seconds, TimeUnit.SECONDS);
        if (first == null) {
            fail("no first line on stdout within " + seconds + " s; stderr: " + stderr.getNow("?"));
        }
        return first;
    }

    /** Waits (bounded) for a line on stderr that contains {@code text}; returns it. */
    public String awaitStderr(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        List<String> seen = new ArrayList<>();
        while (true) {
            String line = stderrLines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                fail("no stderr line with '" + text + "' within " + WAIT_SECONDS + " s; stderr so far: " + seen);
            }
            seen.add(line);
            if (line.contains(text)) {
                return line;
            }
        }
    }

    /** Whether this process runs as root (Linux: its effective uid in /proc/self/status); false elsewhere. */
    public static boolean isRoot() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            // no /proc: not Linux
        }
        return false;
    }

    /** Whether {@code command} is an executable on this process's PATH: a test needing it skips without it. */
    public static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sends SIGTERM, as {@code kill} or a service manager would. Through the process handle: Process.destroy()
     * would also close our ends of its stdout and stderr, losing what it prints while it stops.
     */
    public void terminate() {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "Windows has no SIGTERM: Process.destroy()"
                + " ends the process at once (TerminateProcess), so no server there can close its sockets or remove its"
                + " socket file first; what this test proves of a clean stop holds on Linux and macOS");
        process.toHandle().destroy();
    }

    /** The process's id, to look at it from outside (its threads in /proc, say). */
    public long pid() {
        return process.pid();
    }

    public Result awaitExit() throws Exception {
        return awaitExit(WAIT_SECONDS);
    }

    /** As {@link #awaitExit()}, for a process that does much (a whole class graded): a bound for a hang. */
    public Result awaitExit(long seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("process did not exit within " + seconds + " s");
        }
        return new Result(process.exitValue(), stdout.get(WAIT_SECONDS, TimeUnit.SECONDS),
                stderr.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
