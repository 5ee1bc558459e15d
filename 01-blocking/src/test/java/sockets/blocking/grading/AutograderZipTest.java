package sockets.blocking.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import sockets.blocking.cli.Main;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.Mutants;

/**
 * {@code --autograder-zip} writes what Gradescope takes, and its {@code run_autograder} grades: run here
 * against a fake {@code /autograder} tree ({@code AUTOGRADER_ROOT}), for the Python reference (full marks) and
 * a mutant that serves one client at a time (the concurrency check's 3 points lost), results.json read back.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Gradescope's autograders run on Ubuntu; run_autograder is a bash"
        + " script for that image")
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class AutograderZipTest {
    private static final Path REFERENCE = Path.of("../docs/assignments/01-echo/echo_server.py").toAbsolutePath().normalize();

    /** A jar that starts the chapter's Main from this test's class path: what the chapter's own jar does. */
    private static Path kitJar(Path folder) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toString());
        }
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        Path jar = folder.resolve("kit.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }

    private static void unzip(Path zip, Path into) throws Exception {
        Files.createDirectories(into);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
                Files.copy(entries, into.resolve(e.getName()));
            }
        }
    }

    private static JsonNode runAutograder(Path root, String serverSource) throws Exception {
        return runAutograder(root, serverSource, Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static JsonNode runAutograder(Path root, String serverSource, String java) throws Exception {
        Path submission = root.resolve("submission");
        if (Files.exists(submission)) {
            try (var old = Files.list(submission)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(submission);
        Files.writeString(submission.resolve("echo_server.py"), serverSource);
        Path run = Files.writeString(submission.resolve("run.sh"), "#!/bin/sh\nexec python3 echo_server.py \"$@\"\n");
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rw-r--r--")); // as uploaded: not executable
        ProcessBuilder autograder = new ProcessBuilder("bash", root.resolve("source/run_autograder").toString())
                .directory(root.toFile()).redirectErrorStream(true);
        autograder.environment().put("AUTOGRADER_ROOT", root.toString());
        autograder.environment().put("JAVA", java);
        Process process = autograder.start();
        String screen = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), screen);
        assertEquals(0, process.exitValue(), "run_autograder exits 0 whatever the grade: " + screen);
        return new ObjectMapper().readTree(root.resolve("results/results.json").toFile());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theZipsRunAutograderGradesAReferenceAndAMutantIntoResultsJson(@TempDir Path folder) throws Exception {
        Mutants.assumePython();
        Path zip = folder.resolve("echo-server.zip");
        ChapterProcess.Result written = ChapterProcess.run(Main.class, "grade", "echo-server", "--clients", "5",
                "--read-timeout-s", "2", "--autograder-zip", zip.toString(), "--kit-jar", kitJar(folder).toString(),
                "--", "./run.sh", "--port", "{port}");
        assertEquals(0, written.exitCode(), written.stdout() + written.stderr());
        Path root = folder.resolve("autograder");
        unzip(zip, root.resolve("source"));
        assertTrue(Files.readString(root.resolve("source/setup.sh")).contains("apt-get install"));
        String script = Files.readString(root.resolve("source/run_autograder"));
        assertTrue(script.contains("kit.jar\" 'grade' 'echo-server' '--clients' '5' '--read-timeout-s' '2'"), script);
        assertTrue(script.contains("-- './run.sh' '--port' '{port}'"), script);

        String reference = Files.readString(REFERENCE);
        JsonNode passing = runAutograder(root, reference);
        assertEquals(14, passing.get("score").asInt(), passing.toString());
        assertEquals(8, passing.get("tests").size());

        String mutant = reference.replace("threading.Thread(target=serve, args=(conn, peer), daemon=True).start()",
                "serve(conn, peer)");
        JsonNode failing = runAutograder(root, mutant);
        assertEquals(11, failing.get("score").asInt(), failing.toString());
        boolean named = false;
        for (JsonNode test : failing.get("tests")) {
            if (test.get("name").asText().startsWith("serves 5 clients at once")) {
                assertEquals("failed", test.get("status").asText());
                assertEquals(0, test.get("score").asInt());
                named = true;
            }
        }
        assertTrue(named, failing.toString());

        // A grader that writes nothing (here: no Java at all) still leaves Gradescope a result: zero, and why.
        JsonNode none = runAutograder(root, reference, "false");
        assertEquals(0, none.get("score").asInt(), none.toString());
        assertTrue(none.get("output").asText().contains("stopped (exit 1) before it wrote a result"), none.toString());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theZipNeedsTheCommandThatStartsASubmission(@TempDir Path folder) throws Exception {
        ChapterProcess.run(Main.class, "grade", "echo-server", "--autograder-zip", folder.resolve("z.zip").toString())
                .assertOneLineFailure(2, "--autograder-zip needs the command that starts a submission after --");
    }
}
