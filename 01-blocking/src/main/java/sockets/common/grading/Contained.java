package sockets.common.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A graded program and every process it starts, however it forks, wraps or detaches. In a PID namespace
 * (bubblewrap's or {@code unshare}'s) a process that loses its parent is adopted by the namespace's init,
 * which is our child: so the processes below our child are all of the program's, and killing our child
 * makes the kernel kill every one of them. Outside a namespace, the processes we can still see are all we
 * can stop. Every contained program is also stopped if the grader itself is stopped (SIGINT, SIGTERM).
 */
public final class Contained {
    private static final Set<Contained> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Contained::kill), "stop-graded-programs"));
    }

    private final Process process;
    private final boolean namespaced;

    private Contained(Process process, boolean namespaced) {
        this.process = process;
        this.namespaced = namespaced;
    }

    static Contained start(ProcessBuilder builder, boolean namespaced) throws IOException {
        Contained contained = new Contained(builder.start(), namespaced);
        LIVE.add(contained);
        return contained;
    }

    public Process process() {
        return process;
    }

    /**
     * The program's own processes: below our child, without the namespace's init (PID 1 inside it, which
     * only waits); outside a namespace, our child and the descendants still in view.
     */
    public List<ProcessHandle> members() {
        List<ProcessHandle> members = new ArrayList<>();
        if (!namespaced) {
            if (process.isAlive()) {
                members.add(process.toHandle());
            }
        }
        process.toHandle().descendants().filter(p -> !namespaced || !initOfNamespace(p.pid())).forEach(members::add);
        return members;
    }

    /**
     * SIGTERM to every process of the program at once, as systemd stops a service's control group. Returns
     * those that ignore or block SIGTERM (read from {@code /proc} on Linux): they will not stop of their own.
     */
    public List<String> terminate() {
        List<String> deaf = new ArrayList<>();
        List<ProcessHandle> members = members();
        for (ProcessHandle member : members) { // all looked at before any is signalled: one's end can end the rest
            if (ignoresTerm(member.pid())) {
                deaf.add(member.pid() + " (" + member.info().command().map(c -> Path.of(c).getFileName().toString())
                        .orElse("?") + ")");
            }
        }
        members.forEach(ProcessHandle::destroy);
        return deaf;
    }

    /** Waits up to {@code millis} for the program to end; true if it did. */
    public boolean awaitExit(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    public boolean alive() {
        return process.isAlive();
    }

    /**
     * How the program ended, in words: {@code "exited with code 3"}, {@code "was killed by signal 9 (KILL)"};
     * empty while it runs. A shell, bubblewrap and {@code unshare} report a signal as 128 + its number.
     */
    public Optional<String> ending() {
        if (process.isAlive()) {
            return Optional.empty();
        }
        int code = process.exitValue();
        if (code > 128 && code < 128 + 65) {
            return Optional.of("exited with code " + code + " (signal " + (code - 128) + signalName(code - 128) + ")");
        }
        return Optional.of("exited with code " + code);
    }

    /**
     * SIGKILL to our child and every process below it in view; in a namespace, that includes the namespace's
     * init, whose end makes the kernel end every process in it, those started after we looked too. Returns
     * once every process seen has ended (at most 5 s): the kernel ends a namespace's processes before its init
     * is gone, and on a busy machine that can take a while; a grading that is over leaves nothing running.
     *
     * <p>In a namespace, our child makes the namespace's init as it starts. Killed in between, it could still
     * make one that nothing kills (its death signal to that init is set by the init itself, maybe too late):
     * so it first gets the moment it needs, at most 2 s, until the init is there or our child has ended.
     * Found failing on a busy machine: a client killed at its 1 s bound left its {@code sleep} running.
     */
    public void kill() {
        if (namespaced) {
            awaitNamespaceInit();
        }
        List<ProcessHandle> seen = process.toHandle().descendants().toList();
        seen.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            for (ProcessHandle member : seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    member.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // past the bound: nothing more to wait for
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(this);
    }

    /** Waits, at most 2 s, until our child has started its namespace's init or has ended. */
    private void awaitNamespaceInit() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try {
            while (process.isAlive() && System.nanoTime() < deadline
                    && process.toHandle().children().noneMatch(child -> initOfNamespace(child.pid()))) {
                process.waitFor(5, TimeUnit.MILLISECONDS); // a pause that ends early if our child ends
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String signalName(int signal) {
        return switch (signal) {
            case 2 -> ", INT";
            case 6 -> ", ABRT";
            case 9 -> ", KILL";
            case 11 -> ", SEGV";
            case 15 -> ", TERM";
            case 24 -> ", XCPU: the CPU-time limit";
            case 25 -> ", XFSZ: the file-size limit";
            default -> "";
        };
    }

    /** True if {@code /proc/PID/status} says it is PID 1 of its innermost PID namespace. */
    private static boolean initOfNamespace(long pid) {
        return statusField(pid, "NSpid:").map(v -> v.endsWith("\t1") || v.equals("1")).orElse(false);
    }

    /** True if the process ignores or blocks SIGTERM (bit 15 of SigIgn or SigBlk), as far as Linux says. */
    private static boolean ignoresTerm(long pid) {
        long bit = 1L << (15 - 1);
        for (String field : List.of("SigIgn:", "SigBlk:")) {
            Optional<String> mask = statusField(pid, field);
            if (mask.isPresent() && (Long.parseUnsignedLong(mask.get().trim(), 16) & bit) != 0) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Optional.of(line.substring(field.length()).strip().replace(' ', '\t'));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone, or not Linux
        }
        return Optional.empty();
    }
}
