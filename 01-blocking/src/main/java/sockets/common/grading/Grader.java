package sockets.common.grading;

import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import sockets.common.PeerLog;

/**
 * Runs checks against a program, each on its own thread and bounded in time, prints one line per check
 * and a total; {@link GradeReport} writes what a course keeps.
 */
public final class Grader {
    /** What one check did: passed or not, what went wrong, how to see it by hand, how long it took. */
    public record Outcome(Check check, boolean passed, String detail, String reproduce, long millis, boolean skipped) {
        public Outcome(Check check, boolean passed, String detail, String reproduce, long millis) {
            this(check, passed, detail, reproduce, millis, false);
        }
    }

    /** Why a check {@code --only} left out was not run. */
    static final String NOT_CHOSEN = "not run: --only chose other checks";

    /** A check {@code --only} left out: listed, worth nothing, failing nothing. */
    public static Outcome skipped(Check check) {
        return new Outcome(check, false, NOT_CHOSEN, "", 0, true);
    }

    private Grader() {
    }

    /** What the grader can tell of the program while the checks run: whether it is gone, and its last words. */
    public interface Watch {
        /** How it ended ({@code "exited with code 3"}), or empty while it runs. */
        Optional<String> ending();

        /** {@code "; its stderr ends: ..."}, made safe to show, or empty. */
        String stderrTail();

        /** As {@link #ending}, after waiting up to {@code millis} for it to end (a failed check may have killed it). */
        default Optional<String> endingWithin(long millis) {
            return ending();
        }

        /** Nothing to watch: a client, run anew by each check. */
        Watch NONE = new Watch() {
            @Override
            public Optional<String> ending() {
                return Optional.empty();
            }

            @Override
            public String stderrTail() {
                return "";
            }
        };
    }

    /**
     * Runs each check in turn, bounded by {@code timeoutMs}. Once the program is gone, the check it died in
     * says so, with its last words, and the checks after it are listed as not run. No check runs past
     * {@code deadline} ({@link System#nanoTime}), the bound of the whole run ({@code maxTimeMs}).
     */
    public static List<Outcome> run(List<Check> checks, java.util.function.Predicate<String> chosen, Connector target,
                                    long timeoutMs, long deadline, long maxTimeMs, Watch watch, PrintStream out) {
        List<Outcome> outcomes = new ArrayList<>();
        String goneBefore = null;
        for (Check check : checks) {
            Outcome outcome;
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (!chosen.test(check.name())) {
                outcome = skipped(check);
            } else if (goneBefore != null) {
                outcome = known(check, false, "not run: your program " + goneBefore);
            } else if (left <= 0) {
                outcome = known(check, false, "not run: the whole run's bound (--max-time-s " + maxTimeMs / 1000
                        + ") ran out");
            } else {
                outcome = runOne(check, target, Math.min(timeoutMs, left));
                Optional<String> ending = outcome.passed() ? watch.ending() : watch.endingWithin(500);
                if (ending.isPresent()) {
                    goneBefore = ending.get() + " during the check \"" + check.name() + "\"";
                    if (!outcome.passed()) {
                        outcome = new Outcome(check, false, "your program " + goneBefore + watch.stderrTail()
                                + " (the check saw: " + outcome.detail() + ")", outcome.reproduce(), outcome.millis());
                    }
                }
            }
            outcomes.add(outcome);
            print(outcome, watch, out);
        }
        return outcomes;
    }

    /** The outcome's line, its reproduce line, and for a failure the last lines of the program's stderr. */
    public static void print(Outcome outcome, Watch watch, PrintStream out) {
        out.println(line(outcome));
        if (!outcome.passed() && !outcome.reproduce().isEmpty()) {
            out.println("      reproduce: " + Shown.terminal(outcome.reproduce()));
        }
        String tail = watch.stderrTail();
        if (!outcome.passed() && !tail.isEmpty() && !outcome.detail().contains(tail)) {
            out.println("      stderr" + tail.substring("; its stderr".length()));
        }
        out.flush();
    }

    /** A check whose result is already known (the program's own start or stop), reported like the others. */
    public static Outcome known(Check check, boolean passed, String detail) {
        return new Outcome(check, passed, detail, "", 0);
    }

    /**
     * Runs one check on a thread of its own. At its bound the check is abandoned and every connection it
     * opened is closed, so nothing it waits on can hold the grader past the bound. The chapters' JUnit contracts
     * run their target's checks through it too, exactly as {@code grade} does.
     */
    public static Outcome runOne(Check check, Connector target, long timeoutMs) {
        long start = System.nanoTime();
        CheckScope scope = new CheckScope();
        FutureTask<Void> running = new FutureTask<>(() -> {
            scope.enter();
            check.body().run(target);
            return null;
        });
        Thread.ofVirtual().name("check").start(running);
        try {
            running.get(timeoutMs, TimeUnit.MILLISECONDS);
            return new Outcome(check, true, "", "", elapsed(start));
        } catch (TimeoutException e) {
            running.cancel(true);
            scope.closeAll();
            return new Outcome(check, false, "stopped at its bound (" + timeoutMs / 1000 + " s: --timeout-s, or what"
                    + " was left of --max-time-s): your program had not finished answering (too slow, or still"
                    + " sending)", "", elapsed(start));
        } catch (ExecutionException e) {
            scope.closeAll();
            Throwable cause = e.getCause();
            String reproduce = cause instanceof CheckFailure failure ? failure.reproduce() : "";
            return new Outcome(check, false, explain(cause), reproduce, elapsed(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            scope.closeAll();
            return new Outcome(check, false, "grading interrupted", "", elapsed(start));
        }
    }

    /**
     * What went wrong, in words; an unexpected exception's own text follows only as detail.
     */
    static String explain(Throwable cause) {
        while ((cause instanceof java.util.concurrent.ExecutionException
                || cause instanceof java.util.concurrent.CompletionException) && cause.getCause() != null) {
            cause = cause.getCause(); // a check's own client task failed: say what failed in it
        }
        if (cause instanceof CheckFailure || cause instanceof AssertionError) {
            return PeerLog.describe(cause);
        }
        String said;
        if (cause instanceof ConnectException) {
            said = "connection refused: nothing listens at the address your program printed; did it print its"
                    + " listening line before it listened, or has it stopped?";
        } else if (cause instanceof SocketTimeoutException) {
            said = "your program sent nothing more within the read timeout (--read-timeout-s)";
        } else if (cause instanceof EOFException) {
            said = "your program ended the stream before it had sent all it should";
        } else if (cause instanceof SocketException) {
            said = "the connection broke: your program reset or closed it while the check was still using it";
        } else if (cause instanceof IOException) {
            said = "the connection to your program failed";
        } else {
            said = "the check failed in a way the grader did not foresee (please report it with this line)";
        }
        return said + " [" + cause.getClass().getSimpleName() + ": " + PeerLog.describe(cause) + "]";
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** {@code PASS  2/2  echoes every byte it receives} or {@code FAIL  0/2  ...: what went wrong}. */
    public static String line(Outcome o) {
        int got = o.passed() ? o.check().points() : 0;
        return String.format("%s  %d/%d  %s%s%s", o.passed() ? "PASS" : o.skipped() ? "SKIP" : "FAIL", got, o.check().points(),
                o.check().name(), o.check().required() ? "" : " (optional)",
                o.passed() ? "" : ": " + Shown.terminal(o.detail()));
    }
}
