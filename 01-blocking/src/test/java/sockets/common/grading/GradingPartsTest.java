package sockets.common.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xml.sax.InputSource;

/**
 * The grader's small parts, each on its own: what a program's bytes look like on a terminal and in XML,
 * which printed times a time client passes with, which limit a dying program reached, and which paths a
 * command names for the sandbox to show.
 */
class GradingPartsTest {

    @Test
    void aTerminalSeesNoControlCharacterOfTheProgramsRaw() {
        assertEquals("a\\e[2Jb\\nresult: ok\\r\\u0007\\u009B\\u202E\\u2028\\uFFFE\\uD800",
                Shown.terminal("a\u001b[2Jb\nresult: ok\r\u0007\u009b\u202e\u2028\ufffe\ud800"));
        assertEquals("héllo 😀 \\t", Shown.terminal("héllo 😀 \t"), "printable text, pairs included, stays as it is");
    }

    @Test
    void anyStringWhateverItsCharactersMakesXmlThatParses() throws Exception {
        SplittableRandom random = new SplittableRandom(20);
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                text.append((char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000)));
            }
            String xml = "<r a=\"" + Shown.xml(text.toString()) + "\">" + Shown.xml(text.toString()) + "</r>";
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        }
        assertEquals("&lt;b&gt;&amp;&quot;\\uFFFF\\u0001\n", Shown.xml("<b>&\"\uffff\u0001\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "2025-07-14T21:09:03Z|true", "2025-07-14T21:09:03+00:00|true", "2025-07-14 21:09:03+0000|true",
            "2025-07-14T21:09:03.250Z|true", "now: 2025-07-14T21:09:03+00 (UTC)|true",
            "2025-07-14T21:09:04Z|false", "2025-07-14T21:09:03+01:00|false", "2025-07-14T21:09:03|false",
            "2025-13-14T21:09:03Z 2025-07-14T21:09:03Z|true", "1025-07-14T21:09:03Z|false"})
    void theAcceptedIso8601FormsShowTheInstantAndOthersDoNot(String printed, boolean shows) {
        assertEquals(shows, PrintedTime.shows(printed, Instant.parse("2025-07-14T21:09:03.700Z")), printed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "152||CPU time limit (--max-cpu-s 300)",
            "153||file size limit (--max-file-size-mb 64)",
            "1|OSError: [Errno 24] Too many open files|open-file limit (--max-open-files 4096)",
            "1|RuntimeError: can't start new thread|limit on processes and threads (--max-processes 1024)",
            "2|fork/exec /bin/sh: resource temporarily unavailable|limit on processes and threads (--max-processes 1024)",
            "1|Exception in thread \"main\" java.lang.OutOfMemoryError: unable to create native thread|"
                    + "limit on processes and threads (--max-processes 1024)",
            "1|MemoryError|memory limit (--max-memory-mb 1024)",
            "1|Error: Could not reserve enough space for object heap|memory limit (--max-memory-mb 1024)",
            "134|terminate called after throwing an instance of 'std::bad_alloc'|memory limit (--max-memory-mb 1024)"})
    void aLimitReachedIsNamedWithItsOption(int exitCode, String stderr, String named) {
        assertEquals("; it reached its " + named, Sandbox.Limits.DEFAULT.reached(exitCode, stderr));
    }

    @Test
    void anEndThatShowsNoLimitNamesNone() {
        assertEquals("", Sandbox.Limits.DEFAULT.reached(1, "Traceback ...\nKeyError: 'port'"));
        assertEquals("", Sandbox.Limits.DEFAULT.reached(143, ""), "SIGTERM, the grader's own stop");
        assertEquals("", Sandbox.Limits.DEFAULT.reached(-1, null));
    }

    @Test
    void aFailureInsideACheckClientsTaskIsExplainedByWhatFailedInIt() {
        String said = Grader.explain(new java.util.concurrent.ExecutionException(
                new java.net.ConnectException("Connection refused")));
        assertTrue(said.startsWith("connection refused: nothing listens"), said);
    }

    @Test
    void theCommandsOwnFilesOutsideTheSubmissionAreNamedAndNothingElse(@TempDir Path folder) throws Exception {
        Path submission = Files.createDirectories(folder.resolve("student"));
        Files.writeString(submission.resolve("server.py"), "");
        Path tools = Files.createDirectories(folder.resolve("tools"));
        Path jar = Files.writeString(tools.resolve("kit.jar"), "");
        Path classes = Files.createDirectories(folder.resolve("classes"));
        Sandbox sandbox = Sandbox.choose(false, Sandbox.Limits.DEFAULT, submission, List.of(), Map.of());
        List<Path> named = sandbox.named(List.of("java", "-cp", classes + ":" + jar + ":" + folder.resolve("gone.jar"),
                "-Dlog=" + tools.resolve("kit.jar"), "server.py", "../tools/kit.jar", "--port", "{port}", "3.5"));
        assertEquals(List.of(classes, jar), named, "outside the submission, existing, each once");
        assertFalse(named.contains(submission.resolve("server.py")), "the submission's own files come from its copy");
        assertEquals(List.of(jar), sandbox.named(List.of("sh", "-c", "PORT={port} KIT='" + jar + "' exec python3 ./s.py")),
                "the words of a shell line, and what follows '='");
    }

    /** A program for the test below: its first line, then a life long enough to overlap another's. */
    public static final class FirstLineThenWait {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("first line of " + args[0]);
            System.out.flush();
            // the program's own life, at most 10 s; the test kills it as soon as it has both lines
            new java.util.concurrent.CountDownLatch(1).await(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Two Java programs held in PID namespaces at once are both PID 2 there, and a JVM keeps a file named by
     * its PID under {@code /tmp/hsperfdata_USER}: the second found the first's locked and printed a warning on
     * stdout before the program's own first line, which failed a "listening on" check it passed alone. The
     * grader gives each namespace its own folder for those files (found failing on a machine without
     * bubblewrap, where the grader proofs run three at a time).
     */
    @Test
    void twoJavaProgramsInPidNamespacesAtOnceEachPrintTheirOwnFirstLineFirst(@TempDir Path folder) throws Exception {
        Sandbox sandbox = Sandbox.choose(false, Sandbox.Limits.DEFAULT, folder, List.of(), Map.of());
        org.junit.jupiter.api.Assumptions.assumeTrue(sandbox.weaker().contains("contained in a PID namespace"),
                "needs a PID namespace (Linux, util-linux unshare): " + sandbox.weaker());
        String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(FirstLineThenWait.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        List<Contained> started = new ArrayList<>();
        try {
            for (String name : List.of("a", "b")) {
                started.add(sandbox.start(List.of(launcher, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classes,
                        FirstLineThenWait.class.getName(), name)));
            }
            for (int i = 0; i < started.size(); i++) {
                Process process = started.get(i).process();
                CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                    try {
                        return new BufferedReader(new InputStreamReader(process.getInputStream(),
                                StandardCharsets.UTF_8)).readLine();
                    } catch (IOException e) {
                        return "cannot read: " + e.getMessage();
                    }
                });
                assertEquals("first line of " + List.of("a", "b").get(i),
                        line.get(30, TimeUnit.SECONDS));
            }
        } finally {
            started.forEach(Contained::kill);
            sandbox.cleanUp();
        }
    }

    /**
     * Run from the temporary folder itself (as one might, trying the kit out in /tmp), the submission folder
     * holds the scratch folder its copy goes into: copying it would copy itself. The grader says so in one
     * line instead of printing a bare path.
     */
    @Test
    void aSubmissionFolderThatHoldsTheScratchFolderIsRefusedInOneLine() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Sandbox sandbox = Sandbox.choose(true, Sandbox.Limits.DEFAULT, tmp, List.of(), Map.of());
        org.junit.jupiter.api.Assumptions.assumeTrue(sandbox.sandboxed(),
                "only a sandbox copies the submission: " + sandbox.weaker());
        try {
            GradingException refused = org.junit.jupiter.api.Assertions.assertThrows(GradingException.class,
                    () -> sandbox.start(List.of("true")));
            assertTrue(refused.getMessage().startsWith("the submission folder " + tmp.toAbsolutePath().normalize()
                    + " holds the temporary folder"), refused.getMessage());
            assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
        } finally {
            sandbox.cleanUp();
        }
    }

    /**
     * Any text the program printed makes JSON a real parser reads back the same: 2,000 seeded strings of
     * control characters, quotes, backslashes, U+2028, U+FFFE, surrogate pairs and lone surrogates (which no
     * UTF-8 carries: they come back as U+FFFD).
     */
    @Test
    void anyTextIsAJsonStringAParserReadsBack() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        char[] alphabet = {'a', '"', '\\', '\n', '\r', '\t', 0, 7, 0x1b, 0x7f, 0x2028, 0x2029, 0xfffe, 0xffff, 'é',
                0xd83d, 0xde00, '/'};
        SplittableRandom random = new SplittableRandom(20261205);
        for (int n = 0; n < 2000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String expected = text.toString();
            StringBuilder fixed = new StringBuilder();
            for (int i = 0; i < expected.length(); i++) {
                char c = expected.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < expected.length() && Character.isLowSurrogate(expected.charAt(i + 1))) {
                    fixed.append(c).append(expected.charAt(++i));
                } else {
                    fixed.append(Character.isSurrogate(c) ? '\ufffd' : c);
                }
            }
            String encoded = GradeReport.json(expected);
            assertEquals(fixed.toString(), json.readTree(encoded).asText(), "seed 20261205, string " + n + ": " + encoded);
            assertFalse(encoded.chars().anyMatch(c -> c < 0x20), "no raw control character: " + encoded);
        }
    }

    /** A gradebook cell: quoted when it must be, quotes doubled, a formula kept as text, no control character. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "plain|plain",
        "Zoë Ünal, 2nd|\"Zoë Ünal, 2nd\"",
        "say \"hi\"|\"say \"\"hi\"\"\"",
        "=HYPERLINK(1)|'=HYPERLINK(1)",
        "+1|'+1",
        "-2|'-2",
        "@SUM(A1)|'@SUM(A1)"})
    void aGradebookCellIsSafeForASpreadsheet(String text, String cell) {
        assertEquals(cell, ClassGrading.cell(text));
    }

    @Test
    void aGradebookCellShowsAControlCharacterEscaped() {
        assertEquals("\"a\\nb, c\"", ClassGrading.cell("a\nb, c"));
        assertEquals("x\\e[31m", ClassGrading.cell("x\u001b[31m"));
    }
}
