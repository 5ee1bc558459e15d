package sockets.common.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * One grading run's result (the checks with their points and what went wrong, the program's stderr, the
 * kit that graded) and the forms a course keeps it in: JUnit XML (GitLab, Jenkins), Gradescope's
 * {@code results.json}, and the result GitHub Classroom's grading reporter reads. Each form is valid whatever
 * bytes the program printed: XML through {@link Shown#xml}, JSON through {@link #json}.
 */
public record GradeReport(String suite, List<Grader.Outcome> outcomes, String programStderr, Kit kit) {

    /** How much of the program's stderr the JSON forms carry: its last lines are what explain a failure. */
    static final int STDERR_TAIL_CHARS = 8 * 1024;

    public int points() {
        return outcomes.stream().filter(Grader.Outcome::passed).mapToInt(o -> o.check().points()).sum();
    }

    public int max() {
        return outcomes.stream().mapToInt(o -> o.check().points()).sum();
    }

    /** Whether every required check passed (a check {@code --only} left out counts as neither). */
    public boolean ok() {
        return outcomes.stream().allMatch(o -> o.passed() || o.skipped() || !o.check().required());
    }

    private long failures() {
        return outcomes.stream().filter(o -> !o.passed() && !o.skipped()).count();
    }

    private long skipped() {
        return outcomes.stream().filter(Grader.Outcome::skipped).count();
    }

    private double seconds() {
        return outcomes.stream().mapToLong(Grader.Outcome::millis).sum() / 1000.0;
    }

    private static String message(Grader.Outcome o) {
        return o.passed() ? "" : o.detail() + (o.reproduce().isEmpty() ? "" : "\nreproduce: " + o.reproduce());
    }

    private String stderrTail() {
        return programStderr.length() <= STDERR_TAIL_CHARS ? programStderr
                : "..." + programStderr.substring(programStderr.length() - STDERR_TAIL_CHARS);
    }

    /** JUnit XML: one test case per check, the points as properties and in each name, stderr as system-err. */
    public String junitXml() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\""
                + " skipped=\"%d\" time=\"%.3f\">%n", Shown.xml(suite), outcomes.size(), failures(), skipped(), seconds()));
        xml.append("  <properties>\n");
        property(xml, "points", String.valueOf(points()));
        property(xml, "max_points", String.valueOf(max()));
        property(xml, "kit_version", kit.version());
        property(xml, "jar_sha256", kit.sha256());
        xml.append("  </properties>\n");
        for (Grader.Outcome o : outcomes) {
            xml.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s (%d point%s)\" time=\"%.3f\"",
                    Shown.xml(suite), Shown.xml(o.check().name()), o.check().points(), o.check().points() == 1 ? "" : "s",
                    o.millis() / 1000.0));
            if (o.passed()) {
                xml.append("/>\n");
            } else if (o.skipped()) {
                xml.append(">\n    <skipped message=\"").append(Shown.xml(o.detail())).append("\"/>\n  </testcase>\n");
            } else {
                xml.append(">\n    <failure message=\"").append(Shown.xml(o.detail())).append("\">")
                        .append(Shown.xml(message(o))).append("</failure>\n  </testcase>\n");
            }
        }
        xml.append("  <system-err>").append(Shown.xml(programStderr)).append("</system-err>\n</testsuite>\n");
        return xml.toString();
    }

    private static void property(StringBuilder xml, String name, String value) {
        xml.append("    <property name=\"").append(name).append("\" value=\"").append(Shown.xml(value)).append("\"/>\n");
    }

    /**
     * Gradescope's {@code results.json} (gradescope-autograders.readthedocs.io, "Autograder Specifications"):
     * the score, each check as a test with its score, max_score, status and output, all visible; the
     * program's last stderr and the kit in the top-level output students see.
     */
    public String gradescopeJson() {
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"score\": ").append(points()).append(",\n");
        json.append("  \"execution_time\": ").append(Math.round(Math.ceil(seconds()))).append(",\n");
        String output = kit.line() + "\n" + summary()
                + (programStderr.isEmpty() ? "" : "\nYour program's stderr (its end):\n" + stderrTail());
        json.append("  \"output\": ").append(json(output)).append(",\n");
        json.append("  \"output_format\": \"text\",\n");
        json.append("  \"test_output_format\": \"text\",\n");
        json.append("  \"visibility\": \"visible\",\n");
        json.append("  \"stdout_visibility\": \"hidden\",\n");
        json.append("  \"extra_data\": {\"suite\": ").append(json(suite)).append(", \"kit_version\": ")
                .append(json(kit.version())).append(", \"jar_sha256\": ").append(json(kit.sha256())).append("},\n");
        json.append("  \"tests\": [");
        for (int i = 0; i < outcomes.size(); i++) {
            Grader.Outcome o = outcomes.get(i);
            json.append(i == 0 ? "\n" : ",\n");
            json.append("    {\"name\": ").append(json(o.check().name() + (o.check().required() ? "" : " (optional)")))
                    .append(", \"number\": ").append(json(String.valueOf(i + 1)))
                    .append(", \"score\": ").append(o.passed() ? o.check().points() : 0)
                    .append(", \"max_score\": ").append(o.check().points())
                    .append(", \"status\": ").append(o.passed() ? "\"passed\"" : "\"failed\"")
                    .append(", \"output\": ").append(json(message(o)))
                    .append(", \"visibility\": \"visible\"}");
        }
        json.append("\n  ]\n}\n");
        return json.toString();
    }

    /**
     * The result GitHub Classroom's grading reporter reads (classroom-resources/autograding-grading-reporter):
     * a JSON object with {@code version} 1, {@code status} pass or fail, {@code max_score}, and {@code tests}
     * each with {@code name}, {@code status}, {@code score} and {@code message}. The reporter adds up the
     * tests' scores against {@code max_score}; a step hands it over base64-encoded, as its output
     * {@code result} (see {@link #classroomOutputLine}).
     */
    public String classroomJson() {
        StringBuilder json = new StringBuilder("{\"version\": 1");
        json.append(", \"status\": ").append(ok() ? "\"pass\"" : "\"fail\"");
        json.append(", \"max_score\": ").append(max());
        json.append(", \"kit_version\": ").append(json(kit.version()));
        json.append(", \"jar_sha256\": ").append(json(kit.sha256()));
        json.append(", \"tests\": [");
        for (int i = 0; i < outcomes.size(); i++) {
            Grader.Outcome o = outcomes.get(i);
            json.append(i == 0 ? "" : ", ");
            json.append("{\"name\": ").append(json(o.check().name()))
                    .append(", \"status\": ").append(o.passed() ? "\"pass\"" : "\"fail\"")
                    .append(", \"score\": ").append(o.passed() ? o.check().points() : 0)
                    .append(", \"message\": ").append(json(message(o)))
                    .append(", \"test_code\": \"\", \"filename\": \"\", \"line_no\": 0")
                    .append(", \"duration\": ").append(o.millis()).append('}');
        }
        json.append("]}\n");
        return json.toString();
    }

    /** {@code result=BASE64}: the line a GitHub Actions step appends to {@code $GITHUB_OUTPUT} for the reporter. */
    public String classroomOutputLine() {
        return "result=" + java.util.Base64.getEncoder().encodeToString(
                classroomJson().strip().getBytes(StandardCharsets.UTF_8)) + "\n";
    }

    /** {@code total 11/14 points; 7 passed, 1 failed} and the result line, as printed. */
    String summary() {
        long passed = outcomes.stream().filter(Grader.Outcome::passed).count();
        long skipped = skipped();
        return String.format("total %d/%d points; %d passed, %d failed%s%n%s", points(), max(), passed, failures(),
                skipped == 0 ? "" : ", " + skipped + " not chosen (--only): not a grade",
                !ok() ? "result: a required check failed"
                        : skipped == 0 ? "result: every required check passed" : "result: every chosen check passed");
    }

    /**
     * A JSON string: quotes, backslashes and every control character escaped, and a lone surrogate (which no
     * UTF-8 can carry) replaced by U+FFFD, so any parser reads it whatever the program printed.
     */
    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\ufffd');
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Writes {@code text} beside {@code file} and moves it over it in one step: a reader never sees half of it. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path partial = Files.createTempFile(absolute.getParent(), ".report-", ".partial");
        try {
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Appends {@code text} to {@code file} (GitHub's {@code $GITHUB_OUTPUT}, which the runner reads after the step). */
    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }
}
