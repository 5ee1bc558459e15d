package sockets.blocking.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import sockets.blocking.cli.Main;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.GraderContract;
import sockets.common.testing.Mutants;

/**
 * Every form a course keeps the grade in, written by one run and read back with a real parser: JUnit XML
 * (DOM), Gradescope's results.json and GitHub Classroom's reporter result (Jackson), and the
 * {@code result=BASE64} line for {@code $GITHUB_OUTPUT}; for a passing program, and for a failing one whose
 * stderr holds bytes XML and JSON forbid. Each field the platforms' own specifications name is checked:
 * Gradescope's score, execution_time, output and tests (name, score, max_score, status, output,
 * visibility); the reporter's version, status, max_score and tests (name, status, score, message).
 */
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class GradeBookFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Written(ChapterProcess.Result result, Document xml, JsonNode gradescope, JsonNode classroom,
                           String outputLine) {
    }

    private static Written grade(Path folder, String... program) throws Exception {
        Path xml = folder.resolve("report.xml");
        Path gradescope = folder.resolve("results.json");
        Path classroom = folder.resolve("classroom.json");
        Path output = Files.writeString(folder.resolve("github-output"), "earlier=kept\n");
        List<String> args = new ArrayList<>(List.of("grade", "echo-server", "--clients", "5", "--read-timeout-s", "2",
                "--report", xml.toString(), "--gradescope", gradescope.toString(), "--classroom", classroom.toString(),
                "--classroom-output", output.toString()));
        args.addAll(GraderContract.sandboxArgs(folder));
        args.add("--");
        args.addAll(List.of(program));
        ChapterProcess.Result result = ChapterProcess.run(Main.class, args.toArray(String[]::new));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertEquals("earlier=kept", lines.get(0), "$GITHUB_OUTPUT is appended to, not replaced");
        assertEquals(2, lines.size(), "one line more: " + lines);
        return new Written(result, factory.newDocumentBuilder().parse(xml.toFile()), JSON.readTree(gradescope.toFile()),
                JSON.readTree(classroom.toFile()), lines.get(1));
    }

    /** What every form must say alike: the same checks, points and total as the screen. */
    private static void assertAgree(Written w, int points, int max, boolean passing) throws Exception {
        String screen = w.result().stdout();
        assertTrue(screen.contains("total " + points + "/" + max + " points"), screen);
        assertTrue(screen.lines().anyMatch(l -> l.matches("kit \\S+, .* sha256 .+")), "the kit is named: " + screen);

        // JUnit XML
        Element suite = w.xml().getDocumentElement();
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(8, cases.getLength());
        assertEquals(String.valueOf(points), property(suite, "points"));
        assertEquals(String.valueOf(max), property(suite, "max_points"));
        assertFalse(property(suite, "kit_version").isEmpty());
        assertFalse(property(suite, "jar_sha256").isEmpty());

        // Gradescope: the fields of "Autograder Specifications"
        JsonNode gs = w.gradescope();
        assertEquals(points, gs.get("score").asInt());
        assertTrue(gs.get("execution_time").isNumber());
        assertTrue(gs.get("output").asText().contains("total " + points + "/" + max + " points"));
        assertEquals("visible", gs.get("visibility").asText());
        assertEquals(8, gs.get("tests").size());
        int sum = 0;
        int maxSum = 0;
        for (JsonNode test : gs.get("tests")) {
            assertFalse(test.get("name").asText().isEmpty());
            assertTrue(Set.of("passed", "failed").contains(test.get("status").asText()), test.toString());
            assertTrue(test.get("output").isTextual());
            assertEquals("visible", test.get("visibility").asText());
            int score = test.get("score").asInt();
            int most = test.get("max_score").asInt();
            assertEquals(test.get("status").asText().equals("passed") ? most : 0, score, test.toString());
            sum += score;
            maxSum += most;
        }
        assertEquals(points, sum, "the tests add up to the score");
        assertEquals(max, maxSum);

        // The GitHub Classroom reporter: what its source reads
        JsonNode cr = w.classroom();
        assertEquals(1, cr.get("version").asInt());
        assertEquals(passing ? "pass" : "fail", cr.get("status").asText());
        assertEquals(max, cr.get("max_score").asInt());
        int crSum = 0;
        for (JsonNode test : cr.get("tests")) {
            assertFalse(test.get("name").asText().isEmpty());
            assertTrue(Set.of("pass", "fail").contains(test.get("status").asText()), test.toString());
            assertTrue(test.get("message").isTextual());
            crSum += test.get("score").asInt();
        }
        assertEquals(points, crSum, "the reporter adds the tests' scores: they make the total");
        assertTrue(w.outputLine().startsWith("result="), w.outputLine());
        JsonNode decoded = JSON.readTree(Base64.getDecoder().decode(w.outputLine().substring("result=".length())));
        assertEquals(cr, decoded, "the base64 the reporter decodes is the same result");
    }

    private static String property(Element suite, String name) {
        NodeList properties = suite.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element p = (Element) properties.item(i);
            if (p.getAttribute("name").equals(name)) {
                return p.getAttribute("value");
            }
        }
        return "";
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aPassingProgramIsFullMarksInEveryForm(@TempDir Path folder) throws Exception {
        Written w = grade(folder, Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "echo-server", "--port", "{port}");
        assertEquals(0, w.result().exitCode(), w.result().stdout() + w.result().stderr());
        assertAgree(w, 14, 14, true);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aFailingProgramWithForbiddenBytesOnItsStderrIsReadableInEveryForm(@TempDir Path folder) throws Exception {
        Mutants.assumePython();
        Path program = folder.resolve("hostile.py");
        try (InputStream in = getClass().getResourceAsStream("/sockets/common/grading/hostile.py")) {
            Files.copy(in, program);
        }
        // It prints an escape sequence, U+FFFE, U+FFFF, NUL and a bell on stderr, and answers with them.
        Written w = grade(folder, "python3", program.toString(), "escapes", "{port}");
        assertEquals(1, w.result().exitCode(), w.result().stdout());
        int points = Integer.parseInt(property(w.xml().getDocumentElement(), "points"));
        assertTrue(points < 14);
        assertAgree(w, points, 14, false);
        String output = w.gradescope().get("output").asText();
        assertTrue(output.contains("\u001b[31mred") && output.contains("\u0000"),
                "the program's stderr reaches the student, every character intact through JSON: " + output);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void listPrintsTheChecksAndPointsAndRunsNothing() throws Exception {
        ChapterProcess.Result server = ChapterProcess.run(Main.class, "grade", "echo-server", "--list");
        assertEquals(0, server.exitCode(), server.stdout() + server.stderr());
        List<String> lines = server.stdout().lines().toList();
        assertTrue(lines.get(0).startsWith("01-blocking echo-server: 8 checks, 14 points (kit "), lines.get(0));
        assertEquals(9, lines.size(), server.stdout());
        assertEquals("  1  1 point   starts and prints 'listening on HOST:PORT' first", lines.get(1));
        assertEquals("  6  3 points  serves 100 clients at once", lines.get(6), "the default client count");
        assertTrue(lines.get(8).contains("stops within 5 s of SIGTERM"));

        ChapterProcess.Result client = ChapterProcess.run(Main.class, "grade", "echo-client", "--list");
        assertEquals(0, client.exitCode(), client.stdout() + client.stderr());
        assertTrue(client.stdout().startsWith("01-blocking echo-client: 5 checks, 8 points"), client.stdout());
    }
}
