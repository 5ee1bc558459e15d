package sockets.binary.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import sockets.binary.cli.Main;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.Mutants;

/**
 * {@code grade time-server --class DIR}: a class of 21 submissions graded in one run, two at a time: the
 * Python reference under various names (one with a space, a comma and non-ASCII letters, one a spreadsheet
 * would take for a formula), four mutants, one that exits at once, one that hangs, one with no run.sh, and
 * one that tries to reach a server on this machine's loopback (each student's grader has a network of its
 * own, where it cannot). The gradebook is read back cell by cell; a second run grades nothing again.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the submissions' run.sh are POSIX shell scripts; the grading itself"
        + " is the same elsewhere")
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class ClassGradingTest {
    private static final Path REFERENCE = Path.of("../docs/assignments/03-time/time_server.py").toAbsolutePath().normalize();
    private static final String RUN = "#!/bin/sh\nexec python3 time_server.py \"$@\"\n";

    /** The columns: the checks of time-server, in order, with their points. */
    private static final List<String> CHECKS = List.of(
            "starts and prints 'listening on HOST:PORT' first (1)",
            "speaks first: 4 bytes without being asked, then end of stream (2)",
            "the 4 bytes are this machine's time: seconds since 1900, big-endian, within 2 s (3)",
            "answers 20 clients connecting at once (1)",
            "stops within 5 s of SIGTERM, with every process it started (1)");

    private static void submission(Path classDir, String name, String run, String server) throws Exception {
        Path folder = Files.createDirectories(classDir.resolve(name));
        if (run != null) {
            Path script = Files.writeString(folder.resolve("run.sh"), run);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        if (server != null) {
            Files.writeString(folder.resolve("time_server.py"), server);
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aWholeClassIsGradedIntoOneGradebook(@TempDir Path folder) throws Exception {
        Mutants.assumePython();
        String reference = Files.readString(REFERENCE);
        Path classDir = Files.createDirectories(folder.resolve("submissions"));
        // Each row expected: the points of each check, in CHECKS' order.
        Map<String, int[]> expected = new LinkedHashMap<>();
        // A JVM started in the C locale (no LANG: the portability run as nobody) names files in ASCII only
        // (sun.jnu.encoding), and cannot make this folder at all: there the name keeps its space and comma only.
        boolean unicodeNames = java.nio.charset.Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"))
                .newEncoder().canEncode("Zoë Ünal");
        String seventh = unicodeNames ? "Zoë Ünal, 2nd try" : "Zoe Unal, 2nd try";
        for (int i = 1; i <= 12; i++) {
            String name = i == 7 ? seventh : String.format("student-%02d", i);
            submission(classDir, name, RUN, reference);
            expected.put(name, new int[]{1, 2, 3, 1, 1});
        }
        submission(classDir, "=2+2", RUN, reference);
        expected.put("=2+2", new int[]{1, 2, 3, 1, 1});
        submission(classDir, "mutant-little-endian", RUN, reference.replace("struct.pack(\"!I\", seconds)",
                "struct.pack(\"<I\", seconds)"));
        expected.put("mutant-little-endian", new int[]{1, 2, 0, 1, 1});
        submission(classDir, "mutant-from-1970", RUN, reference.replace("(int(time.time()) + SECONDS_1900_TO_1970)",
                "(int(time.time()))"));
        expected.put("mutant-from-1970", new int[]{1, 2, 0, 1, 1});
        submission(classDir, "mutant-8-bytes", RUN, reference.replace("struct.pack(\"!I\", seconds)",
                "struct.pack(\"!Q\", seconds)"));
        expected.put("mutant-8-bytes", new int[]{1, 0, 0, 1, 1});
        submission(classDir, "mutant-never-closes", RUN, reference.replace("conn.shutdown(socket.SHUT_WR)",
                "threading.Event().wait()"));
        expected.put("mutant-never-closes", new int[]{1, 0, 0, 1, 1});
        submission(classDir, "exits-at-once", "#!/bin/sh\necho 'no server today' >&2\nexit 3\n", null);
        expected.put("exits-at-once", new int[]{0, 0, 0, 0, 0});
        submission(classDir, "hangs", "#!/bin/sh\nexec sleep 600\n", null);
        expected.put("hangs", new int[]{0, 0, 0, 0, 0});
        submission(classDir, "no-run-sh", null, reference);
        expected.put("no-run-sh", new int[]{0, 0, 0, 0, 0});
        // A good server that first tries this machine's loopback: in a private network it reaches nothing.
        java.nio.channels.ServerSocketChannel host = java.nio.channels.ServerSocketChannel.open()
                .bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
        host.configureBlocking(false);
        int hostPort = ((java.net.InetSocketAddress) host.getLocalAddress()).getPort();
        submission(classDir, "reaches-out", RUN, "import socket as _reach\ntry:\n    _reach.create_connection((\"127.0.0.1\", "
                + hostPort + "), timeout=2).close()\nexcept OSError:\n    pass\n" + reference);
        expected.put("reaches-out", new int[]{1, 2, 3, 1, 1});
        assertEquals(21, expected.size());

        Path out = folder.resolve("graded");
        long start = System.nanoTime();
        ChapterProcess.Result result;
        try (ChapterProcess grading = ChapterProcess.start(Main.class, "grade", "time-server", "--class",
                classDir.toString(), "--out", out.toString(), "--jobs", "2", "--timeout-s", "5", "--read-timeout-s", "2",
                "--", "./run.sh", "--port", "{port}")) {
            result = grading.awaitExit(200); // about 30 s here; the bound is for a hang, not a speed
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(seconds < 200, "a bound for a hang, not a speed: " + seconds + " s");
        assertTrue(result.stdout().contains("graded 21 of 21 ("), result.stdout());
        try (host) {
            String screen = Files.readString(out.resolve("reaches-out").resolve("grade.txt"));
            if (!screen.contains("sandbox off") && !screen.contains("network not private")) {
                assertEquals(null, host.accept(), "a student's program reached this machine's loopback:\n" + screen);
            }
        }

        List<List<String>> rows = csv(Files.readString(out.resolve("gradebook.csv"), StandardCharsets.UTF_8));
        List<String> header = new ArrayList<>(List.of("student", "total", "max"));
        header.addAll(CHECKS);
        header.add("note");
        assertEquals(header, rows.get(0));
        assertEquals(22, rows.size(), "a row per submission");
        Map<String, List<String>> byStudent = new LinkedHashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            byStudent.put(row.get(0), row);
        }
        assertTrue(byStudent.containsKey("'=2+2"), "a formula-like name is kept as text: " + byStudent.keySet());
        for (Map.Entry<String, int[]> want : expected.entrySet()) {
            String key = want.getKey().startsWith("=") ? "'" + want.getKey() : want.getKey();
            List<String> row = byStudent.get(key);
            assertTrue(row != null, "no row for " + key + " in " + byStudent.keySet());
            int total = 0;
            for (int i = 0; i < CHECKS.size(); i++) {
                assertEquals(String.valueOf(want.getValue()[i]), row.get(3 + i), key + ", " + CHECKS.get(i) + ": " + row);
                total += want.getValue()[i];
            }
            assertEquals(String.valueOf(total), row.get(1), key + ": " + row);
            assertEquals("8", row.get(2));
            assertEquals(total == 8, row.get(8).isEmpty(), key + "'s note: " + row.get(8));
        }
        assertTrue(byStudent.get("exits-at-once").get(8).startsWith("starts and prints"), byStudent.get("exits-at-once").toString());
        for (String file : List.of("report.xml", "results.json", "classroom.json", "grade.txt")) {
            assertTrue(Files.isRegularFile(out.resolve(seventh).resolve(file)), "the guide's " + file);
        }

        // Run again: every submission already has its report, so none is graded again.
        Path report = out.resolve("student-01").resolve("report.xml");
        FileTime before = Files.getLastModifiedTime(report);
        ChapterProcess.Result again = ChapterProcess.run(Main.class, "grade", "time-server", "--class", classDir.toString(),
                "--out", out.toString(), "--", "./run.sh", "--port", "{port}");
        assertEquals(0, again.exitCode(), again.stdout() + again.stderr());
        assertEquals(before, Files.getLastModifiedTime(report), "graded again");
        assertEquals(rows, csv(Files.readString(out.resolve("gradebook.csv"), StandardCharsets.UTF_8)));
    }

    /** RFC 4180, as a spreadsheet reads it: quoted cells may hold commas and doubled quotes. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r') {
                continue;
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
