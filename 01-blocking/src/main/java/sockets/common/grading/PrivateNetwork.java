package sockets.common.grading;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A private network for a grading run: the grader runs itself again inside a new network namespace
 * (bubblewrap's {@code --unshare-net}), where loopback is the only interface and is its own. The program it
 * starts there shares that loopback with the checks and reaches nothing else: not the internet, not this
 * machine's other addresses, not a server on this machine's own loopback. The files stay the machine's (the
 * report is written where {@code --report} says); only the network is new.
 *
 * <p>The outer grader only waits: it passes on the inner one's exit code, and a SIGINT or SIGTERM it gets
 * reaches the inner grader as SIGTERM, which stops the program and every process it started.
 */
public final class PrivateNetwork {
    /** Set in the inner grader's environment: it is already in its own network. */
    public static final String INSIDE = "SOCKETS_GRADE_PRIVATE_NETWORK";

    /** How long the inner grader has to stop its program and finish after a SIGTERM passed on. */
    private static final long STOP_WAIT_MS = 10_000;

    /** What the outer grader already decided (a drawn seed) and hands on, so the inner one decides alike. */
    private static final java.util.Map<String, String> HANDED_ON = new java.util.concurrent.ConcurrentHashMap<>();

    /** Hands {@code value} on to the inner grader as the environment variable {@code name}. */
    static void handOn(String name, String value) {
        HANDED_ON.put(name, value);
    }

    private PrivateNetwork() {
    }

    /** Whether this grader already runs in a network of its own. */
    public static boolean inside() {
        return "1".equals(System.getenv(INSIDE));
    }

    /**
     * Runs this grader again in a private network, when {@code sandbox} sandboxes and this grader is not in
     * one already, and returns its exit code; empty when grading goes on here, after one line on
     * {@code out} saying why the network is not private if it could have been.
     */
    public static OptionalInt enter(Sandbox sandbox, PrintStream out) {
        if (inside() || !sandbox.sandboxed()) {
            return OptionalInt.empty();
        }
        Optional<List<String>> self = ownCommand();
        Optional<List<String>> bwrap = self.isEmpty() ? Optional.empty() : prefix();
        if (bwrap.isEmpty()) {
            out.println("network not private: " + (self.isEmpty() ? "this JVM's command line cannot be read"
                    : "bubblewrap cannot make a network namespace here") + "; the program can reach other hosts");
            return OptionalInt.empty();
        }
        List<String> command = new ArrayList<>(bwrap.get());
        command.addAll(self.get());
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(INSIDE, "1");
        builder.environment().putAll(HANDED_ON);
        out.flush();
        Process inner;
        try {
            inner = builder.start();
        } catch (IOException e) {
            out.println("network not private: cannot start bubblewrap (" + e.getMessage() + "); the program can reach"
                    + " other hosts");
            return OptionalInt.empty();
        }
        Thread passOn = new Thread(() -> stop(inner), "stop-inner-grader");
        Runtime.getRuntime().addShutdownHook(passOn);
        try {
            return OptionalInt.of(inner.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(inner);
            return OptionalInt.of(1);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(passOn);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stops the inner grader
            }
        }
    }

    /**
     * The words that run a command in a new network namespace, ending in {@code --} (the command follows),
     * when bubblewrap can make one here; else empty. Set {@link #INSIDE} to 1 in that command's environment.
     */
    public static Optional<List<String>> prefix() {
        List<String> bwrap = new ArrayList<>(List.of("bwrap", "--dev-bind", "/", "/", "--unshare-net",
                "--unshare-user-try", "--die-with-parent"));
        if (!Sandbox.works(concat(bwrap, List.of("--", "true")))) {
            return Optional.empty();
        }
        if ("root".equals(System.getProperty("user.name"))) {
            bwrap.addAll(List.of("--cap-add", "ALL")); // the inner grader's own sandbox needs root's capabilities
        }
        bwrap.add("--");
        return Optional.of(bwrap);
    }

    /** SIGTERM to the inner grader (bubblewrap's child), time to finish, then the whole tree killed. */
    static void stop(Process bwrap) {
        bwrap.toHandle().children().forEach(ProcessHandle::destroy);
        try {
            if (!bwrap.waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
                bwrap.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                bwrap.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            bwrap.destroyForcibly();
        }
    }

    /**
     * This JVM's whole command line, to start it again: its executable, then every argument from
     * /proc/self/cmdline. {@code ProcessHandle.Info.arguments()} is no use here: the JDK reads one page of that
     * file (4,096 bytes) and gives no arguments when the line is longer, as a grader's is whose program is a
     * Java command with a long class path.
     */
    static Optional<List<String>> ownCommand() {
        Optional<String> executable = ProcessHandle.current().info().command();
        if (executable.isEmpty()) {
            return Optional.empty();
        }
        byte[] line;
        try {
            line = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/cmdline"));
        } catch (IOException e) {
            return Optional.empty(); // not Linux: bubblewrap is not there either
        }
        // decoded as the JVM decodes its own arguments, so that starting the command again writes the same bytes
        java.nio.charset.Charset charset;
        try {
            charset = java.nio.charset.Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            charset = java.nio.charset.StandardCharsets.UTF_8;
        }
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < line.length; i++) {
            if (line[i] == 0) {
                words.add(new String(line, start, i - start, charset));
                start = i + 1;
            }
        }
        if (words.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(concat(List.of(executable.get()), words.subList(1, words.size())));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
