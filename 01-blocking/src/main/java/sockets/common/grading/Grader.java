package sockets.common.grading;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import sockets.common.PeerLog;

/**
 * Runs checks against a program, each on its own thread and bounded in time, prints one line per check
 * and a total, and writes the JUnit XML report that GitHub Classroom, GitLab and Jenkins read.
 */
public final class Grader {
    /** What one check did: passed or not, what went wrong, how to see it by hand, how long it took. */
    public record Outcome(Check check, boolean passed, String detail, String reproduce, long millis) {
    }

    private Grader() {
    }

    public static List<Outcome> run(List<Check> checks, Connector target, long timeoutMs, PrintStream out) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Check check : checks) {
            Outcome outcome = runOne(check, target, timeoutMs);
            outcomes.add(outcome);
            out.println(line(outcome));
            if (!outcome.passed() && !outcome.reproduce().isEmpty()) {
                out.println("      reproduce: " + outcome.reproduce());
            }
            out.flush();
        }
        return outcomes;
    }

    /** A check whose result is already known (the program's own start or stop), reported like the others. */
    public static Outcome known(Check check, boolean passed, String detail) {
        return new Outcome(check, passed, detail, "", 0);
    }

    private static Outcome runOne(Check check, Connector target, long timeoutMs) {
        long start = System.nanoTime();
        try (ExecutorService thread = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> running = thread.submit(() -> {
                check.body().run(target);
                return null;
            });
            try {
                running.get(timeoutMs, TimeUnit.MILLISECONDS);
                return new Outcome(check, true, "", "", elapsed(start));
            } catch (TimeoutException e) {
                running.cancel(true);
                return new Outcome(check, false, "no result within " + timeoutMs / 1000 + " s", "", elapsed(start));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                String reproduce = cause instanceof CheckFailure failure ? failure.reproduce() : "";
                String detail = cause instanceof CheckFailure || cause instanceof AssertionError
                        ? PeerLog.describe(cause) : cause.getClass().getSimpleName() + ": " + PeerLog.describe(cause);
                return new Outcome(check, false, detail, reproduce, elapsed(start));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(check, false, "grading interrupted", "", elapsed(start));
            }
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** {@code PASS  2/2  echoes every byte it receives} or {@code FAIL  0/2  ...: what went wrong}. */
    public static String line(Outcome o) {
        int got = o.passed() ? o.check().points() : 0;
        return String.format("%s  %d/%d  %s%s%s", o.passed() ? "PASS" : "FAIL", got, o.check().points(),
                o.check().name(), o.check().required() ? "" : " (optional)", o.passed() ? "" : ": " + o.detail());
    }

    /** The closing lines: points, and whether every required check passed. */
    public static boolean summarize(List<Outcome> outcomes, PrintStream out) {
        int points = outcomes.stream().filter(Outcome::passed).mapToInt(o -> o.check().points()).sum();
        int max = outcomes.stream().mapToInt(o -> o.check().points()).sum();
        long passed = outcomes.stream().filter(Outcome::passed).count();
        boolean ok = outcomes.stream().allMatch(o -> o.passed() || !o.check().required());
        out.printf("total %d/%d points; %d passed, %d failed%n", points, max, passed, outcomes.size() - passed);
        out.println(ok ? "result: every required check passed" : "result: a required check failed");
        return ok;
    }

    /** The JUnit XML report: one test case per check, the program's stderr as the suite's system-err. */
    public static void writeJUnit(Path file, String suite, List<Outcome> outcomes, String programStderr) throws IOException {
        long failures = outcomes.stream().filter(o -> !o.passed()).count();
        double seconds = outcomes.stream().mapToLong(Outcome::millis).sum() / 1000.0;
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format("<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\" time=\"%.3f\">%n",
                escape(suite), outcomes.size(), failures, seconds));
        for (Outcome o : outcomes) {
            xml.append(String.format("  <testcase classname=\"%s\" name=\"%s (%d point%s)\" time=\"%.3f\"",
                    escape(suite), escape(o.check().name()), o.check().points(), o.check().points() == 1 ? "" : "s",
                    o.millis() / 1000.0));
            if (o.passed()) {
                xml.append("/>\n");
            } else {
                xml.append(">\n    <failure message=\"").append(escape(o.detail())).append("\">")
                        .append(escape(o.detail() + (o.reproduce().isEmpty() ? "" : "\nreproduce: " + o.reproduce())))
                        .append("</failure>\n  </testcase>\n");
            }
        }
        xml.append("  <system-err>").append(escape(programStderr)).append("</system-err>\n</testsuite>\n");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c); // other control bytes from a program's stderr are not allowed in XML
                    }
                }
            }
        }
        return out.toString();
    }
}
