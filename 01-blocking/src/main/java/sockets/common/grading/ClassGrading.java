package sockets.common.grading;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code grade TARGET --class DIR -- COMMAND}: a whole class in one command. Every folder in DIR is one
 * student's submission; each is graded by a grader of its own (a separate process, with its sandbox,
 * private network and limits, as a single {@code grade} would), COMMAND run in the submission, up to
 * {@code --jobs} at once. Each student gets a folder under {@code --out} with the reports, and the class one
 * {@code gradebook.csv}: student, total, max, one column per check, a note.
 */
final class ClassGrading {
    /** What a child grader may take beyond its own --max-time-s before it is stopped. */
    private static final long CHILD_GRACE_MS = 120_000;

    private ClassGrading() {
    }

    /** One student's line in the gradebook. */
    record Row(String student, int total, int max, List<Integer> earned, String note) {
    }

    /**
     * Grades every submission in {@code classDir}. {@code graderCommand} starts this chapter's {@code grade}
     * for one submission (the options besides the class's own, without {@code --}); {@code checks} are the
     * target's checks with their points, in order, for the columns; {@code sandboxed}: whether each grader
     * sandboxes its program (and so grades in a private network). Returns 0 when every submission has
     * its row from a report, 1 when a grader left none (the row says why).
     */
    static int run(Path classDir, Path out, int jobs, boolean again, List<String> graderCommand, List<String> command,
                   List<Check> checks, long maxTimeMs, boolean sandboxed, PrintStream screen)
            throws IOException, InterruptedException {
        // Each student's grader would run itself again in a private network (PrivateNetwork.enter); started in
        // one from here, it grades there at once, and each student still has a network of its own.
        java.util.Optional<List<String>> network = sandboxed && !PrivateNetwork.inside() ? PrivateNetwork.prefix()
                : java.util.Optional.empty();
        List<Path> submissions;
        try (var folders = Files.list(classDir)) {
            submissions = folders.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        Files.createDirectories(out);
        screen.println("grading " + submissions.size() + " submissions in " + classDir + ", " + jobs + " at once;"
                + " reports in " + out);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failing = new AtomicInteger();
        Map<String, Row> rows = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        try {
            List<Future<Row>> pending = new ArrayList<>();
            for (Path submission : submissions) {
                pending.add(pool.submit(() -> {
                    Row row;
                    try {
                        row = gradeOne(submission, out, again, graderCommand, command, checks, maxTimeMs, network);
                    } catch (IOException | RuntimeException e) {
                        // a folder this JVM cannot name (non-ASCII in the C locale), a full disk: its row says so
                        row = new Row(submission.getFileName().toString(), 0,
                                checks.stream().mapToInt(Check::points).sum(), zeros(checks),
                                "not graded: " + e.getMessage());
                    }
                    int n = done.incrementAndGet();
                    int failed = row.total() < row.max() ? failing.incrementAndGet() : failing.get();
                    synchronized (screen) {
                        screen.println("graded " + n + " of " + submissions.size() + " (" + failed + " below full"
                                + " marks so far): " + Shown.terminal(row.student()) + " " + row.total() + "/" + row.max()
                                + (row.note().isEmpty() ? "" : ": " + Shown.terminal(shorten(row.note(), 120))));
                        screen.flush();
                    }
                    return row;
                }));
            }
            for (Future<Row> one : pending) {
                try {
                    Row row = one.get();
                    rows.put(row.student(), row);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("grading a submission failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Path csv = out.resolve("gradebook.csv");
        GradeReport.writeAtomically(csv, gradebook(checks, rows.values()));
        screen.println("gradebook: " + csv);
        return rows.values().stream().anyMatch(r -> r.note().startsWith("not graded")) ? 1 : 0;
    }

    private static Row gradeOne(Path submission, Path out, boolean again, List<String> graderCommand,
                                List<String> command, List<Check> checks, long maxTimeMs,
                                java.util.Optional<List<String>> network) throws Exception {
        String student = submission.getFileName().toString();
        Path folder = Files.createDirectories(out.resolve(student));
        Path report = folder.resolve("report.xml");
        int max = checks.stream().mapToInt(Check::points).sum();
        if (!again && Files.isRegularFile(report)) {
            return read(student, report, checks, max);
        }
        Files.deleteIfExists(report);
        List<String> child = new ArrayList<>(graderCommand);
        child.addAll(List.of("--submission", submission.toAbsolutePath().toString(),
                "--report", report.toAbsolutePath().toString(),
                "--gradescope", folder.resolve("results.json").toAbsolutePath().toString(),
                "--classroom", folder.resolve("classroom.json").toAbsolutePath().toString(), "--"));
        child.addAll(command);
        Path screenFile = folder.resolve("grade.txt");
        List<String> started = new ArrayList<>(network.orElse(List.of()));
        started.addAll(child);
        ProcessBuilder builder = new ProcessBuilder(started).directory(submission.toFile())
                .redirectErrorStream(true).redirectOutput(screenFile.toFile());
        if (network.isPresent()) {
            // The student's grader starts in a network of its own, as it would put itself in one: one JVM less.
            builder.environment().put(PrivateNetwork.INSIDE, "1");
        }
        Process grader = builder.start();
        grader.getOutputStream().close(); // nothing to read on stdin
        if (!grader.waitFor(maxTimeMs + CHILD_GRACE_MS, TimeUnit.MILLISECONDS)) {
            if (network.isPresent()) {
                PrivateNetwork.stop(grader); // SIGTERM to the grader inside bubblewrap, then the whole tree
            } else {
                grader.destroy(); // SIGTERM: the grader stops the student's program and everything it started
                if (!grader.waitFor(15, TimeUnit.SECONDS)) {
                    grader.destroyForcibly();
                }
            }
            return new Row(student, 0, max, zeros(checks), "not graded: its grader ran past --max-time-s and was"
                    + " stopped; see " + screenFile);
        }
        if (!Files.isRegularFile(report)) {
            return new Row(student, 0, max, zeros(checks), "not graded: its grader exited " + grader.exitValue()
                    + " without a report; see " + screenFile);
        }
        return read(student, report, checks, max);
    }

    private static List<Integer> zeros(List<Check> checks) {
        return checks.stream().map(c -> 0).toList();
    }

    /** The student's row from their JUnit report: the points of each check, in the target's order. */
    static Row read(String student, Path report, List<Check> checks, int max) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document xml = factory.newDocumentBuilder().parse(report.toFile());
            NodeList cases = xml.getElementsByTagName("testcase");
            Map<String, Element> byName = new TreeMap<>();
            for (int i = 0; i < cases.getLength(); i++) {
                Element one = (Element) cases.item(i);
                byName.put(one.getAttribute("name"), one);
            }
            List<Integer> earned = new ArrayList<>();
            String note = "";
            int total = 0;
            for (Check check : checks) {
                Element one = byName.get(check.name() + " (" + check.points() + " point" + (check.points() == 1 ? "" : "s")
                        + ")");
                boolean passed = one != null && one.getElementsByTagName("failure").getLength() == 0
                        && one.getElementsByTagName("skipped").getLength() == 0;
                earned.add(passed ? check.points() : 0);
                total += passed ? check.points() : 0;
                if (!passed && note.isEmpty()) {
                    NodeList failure = one == null ? null : one.getElementsByTagName("failure");
                    note = check.name() + ": " + (failure != null && failure.getLength() > 0
                            ? ((Element) failure.item(0)).getAttribute("message") : "not in the report");
                }
            }
            return new Row(student, total, max, earned, note);
        } catch (Exception e) {
            return new Row(student, 0, max, zeros(checks), "not graded: its report is unreadable (" + e.getMessage() + ")");
        }
    }

    /** The gradebook, RFC 4180 CSV in UTF-8: a header, then one row per student, sorted by folder name. */
    static String gradebook(List<Check> checks, java.util.Collection<Row> rows) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("student", "total", "max"));
        checks.forEach(c -> header.add(c.name() + " (" + c.points() + ")"));
        header.add("note");
        line(csv, header);
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.student(), String.valueOf(row.total()), String.valueOf(row.max())));
            row.earned().forEach(e -> cells.add(String.valueOf(e)));
            cells.add(shorten(row.note(), 500));
            line(csv, cells);
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /**
     * One CSV cell: quoted when it holds a comma, quote or line break, quotes doubled; a text a spreadsheet
     * would run as a formula (starting with =, +, -, @) gets a leading apostrophe, as OWASP advises.
     */
    static String cell(String text) {
        String safe = Shown.terminal(text);
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static String shorten(String text, int most) {
        String line = text.replace('\n', ' ');
        return line.length() <= most ? line : line.substring(0, most - 3) + "...";
    }
}
