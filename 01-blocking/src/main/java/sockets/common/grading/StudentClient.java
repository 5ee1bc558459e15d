package sockets.common.grading;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client program being graded, in any language: each check runs it once, with {@code {port}} in its
 * arguments replaced by the port of a server the check started and the check's own arguments (the
 * message words) appended, its standard input closed, its output kept (the first 64 KiB of each stream)
 * and its run bounded: past the bound it is killed and the run says so.
 */
public final class StudentClient {
    /**
     * How one run ended. {@code exitCode} is -1 when the run was killed at the bound; {@code limit} names the
     * sandbox limit the run reached ({@link Sandbox.Limits#reached}), or is empty.
     */
    public record Run(String commandLine, int exitCode, String stdout, String stderr, long millis, String limit) {
        public boolean timedOut() {
            return exitCode == -1;
        }

        /** Failed as the contract says a command fails at run time: exit 1, and one line on stderr saying why. */
        public boolean failedInOneLine() {
            return exitCode == 1 && stderr.lines().filter(line -> !line.isBlank()).count() == 1;
        }

        /** {@code exit 0, stdout "hello\n", stderr ""}, each stream cut to a readable length. */
        public String describe() {
            return (timedOut() ? "still running after " + millis / 1000 + " s (killed)" : "exit " + exitCode)
                    + ", stdout " + quote(stdout) + ", stderr " + quote(stderr) + limit;
        }
    }

    private final List<String> command;
    private final long boundMs;
    private final Sandbox sandbox;
    private final StringBuilder stderrLog = new StringBuilder();
    private final java.util.Set<Contained> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public StudentClient(List<String> command, long boundMs, Sandbox sandbox) {
        this.command = List.copyOf(command);
        this.boundMs = boundMs;
        this.sandbox = sandbox;
    }

    /** Stops every run still going, with every process each started (a check abandoned at its bound). */
    public void stopAll() {
        running.forEach(Contained::kill);
    }

    /** The command as given, placeholders and all. */
    public String command() {
        return String.join(" ", command);
    }

    /** How long one run may take before it is killed. */
    public long boundMs() {
        return boundMs;
    }

    /** The command line a run with these arguments uses, for a student to paste. */
    public String commandLine(int port, List<String> args) {
        return String.join(" ", arguments(port, args));
    }

    private List<String> arguments(int port, List<String> args) {
        List<String> all = new ArrayList<>();
        for (String arg : command) {
            all.add(arg.replace("{port}", String.valueOf(port)));
        }
        all.addAll(args);
        return all;
    }

    /** Runs the program once against {@code port} with {@code args} appended; never longer than the bound. */
    public Run run(int port, List<String> args) throws IOException, InterruptedException {
        List<String> all = arguments(port, args);
        long start = System.nanoTime();
        Contained program = sandbox.start(all);
        running.add(program);
        CheckScope.register(program::kill); // a check abandoned at its bound takes its run with it
        Process process = program.process();
        KeptOutput out = new KeptOutput(process.getInputStream());
        KeptOutput err = new KeptOutput(process.getErrorStream());
        int code;
        try {
            code = process.waitFor(boundMs, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
            if (code != -1) { // read what it wrote to the end before its namespace is torn down
                out.awaitEnd(1_000);
                err.awaitEnd(1_000);
            }
        } finally {
            program.kill(); // whatever it started goes with it, past the bound or not
            running.remove(program);
        }
        out.awaitEnd(1_000);
        err.awaitEnd(1_000);
        String stderrText = err.text();
        Run run = new Run(String.join(" ", all), code, out.text(), stderrText, (System.nanoTime() - start) / 1_000_000,
                sandbox.limits().map(l -> l.reached(code, stderrText)).orElse(""));
        synchronized (stderrLog) {
            if (!run.stderr().isEmpty() && stderrLog.length() < KeptOutput.KEEP) {
                stderrLog.append("$ ").append(run.commandLine()).append('\n').append(run.stderr());
            }
        }
        return run;
    }

    /** What the runs wrote on stderr, each under its command line (at most about 64 KiB), for the report. */
    public String stderr() {
        synchronized (stderrLog) {
            return stderrLog.toString();
        }
    }

    private static String quote(String text) {
        String shown = text.length() <= 200 ? text : text.substring(0, 200) + "...";
        return '"' + Shown.terminal(shown.replace("\\", "\\\\")) + '"';
    }
}
