package sockets.common.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher every chapter jar starts with: a default {@code java} older than 21 still runs the chapter,
 * handed over to an installed JDK 21+, with its exit code passed back.
 */
class LaunchTest {

    @Test
    void aReleaseFileNamesTheFeatureVersion(@TempDir Path folder) throws IOException {
        assertEquals(21, feature(folder, "JAVA_VERSION=\"21.0.2\""));
        assertEquals(25, feature(folder, "JAVA_VERSION=\"25\""));
        assertEquals(8, feature(folder, "JAVA_VERSION=\"1.8.0_392\""));
        assertEquals(-1, feature(folder, "IMPLEMENTOR=\"nobody\""));
        assertEquals(-1, Launch.feature(folder.resolve("no-such-jdk").toFile()));
    }

    private static int feature(Path folder, String line) throws IOException {
        Path jdk = Files.createTempDirectory(folder, "jdk");
        Files.writeString(jdk.resolve("release"), line + "\n");
        return Launch.feature(jdk.toFile());
    }

    /** A JDK of this machine older than 21, for the hand-over; the test is skipped, saying so, without one. */
    private static File olderJava() {
        File[] jdks = new File("/usr/lib/jvm").listFiles();
        if (jdks != null) {
            for (File jdk : jdks) {
                int feature = Launch.feature(jdk);
                File java = new File(jdk, "bin/java");
                if (feature >= 11 && feature < Launch.MINIMUM && java.canExecute()) {
                    return java;
                }
            }
        }
        return null;
    }

    private static Result launch(File java, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java.getPath(), "-cp", System.getProperty("java.class.path"),
                "-Dchapter.main=sockets.blocking.cli.Main", Launch.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the launcher ended");
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    @Test
    void anOlderJavaHandsTheChapterToAnInstalledJdk21AndPassesItsExitCodeBack() throws Exception {
        File older = olderJava();
        assumeTrue(older != null, "no JDK from 11 to 20 in /usr/lib/jvm: the hand-over is not exercised here");
        assumeTrue(Launch.newestJava() != null, "no JDK 21+ where the launcher looks");
        Result version = launch(older, "--version");
        assertEquals(0, version.exitCode(), version.stderr());
        assertEquals("01-blocking 1.0", version.stdout().strip());
        Result badUsage = launch(older, "echo-server", "--port", "70000");
        assertEquals(2, badUsage.exitCode(), badUsage.stderr());
        assertTrue(badUsage.stderr().contains("port 70000 is out of range"), badUsage.stderr());
    }

    /** SIGTERM to the launcher reaches the chapter's server, which stops cleanly: 143, and no process left. */
    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows has no SIGTERM: destroy() ends a process at once")
    void aSigtermToTheLauncherStopsTheHandedOverServerCleanly() throws Exception {
        File older = olderJava();
        assumeTrue(older != null, "no JDK from 11 to 20 in /usr/lib/jvm: the hand-over is not exercised here");
        assumeTrue(Launch.newestJava() != null, "no JDK 21+ where the launcher looks");
        Process launcher = new ProcessBuilder(older.getPath(), "-cp", System.getProperty("java.class.path"),
                "-Dchapter.main=sockets.blocking.cli.Main", Launch.class.getName(), "echo-server", "--port", "0").start();
        try {
            launcher.getOutputStream().close();
            BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            });
            String line = first.get(30, TimeUnit.SECONDS);
            assertTrue(line != null && line.startsWith("listening on 127.0.0.1:"), "first line: " + line);
            List<ProcessHandle> children = launcher.toHandle().children().toList();
            assertEquals(1, children.size(), "the chapter runs in one child JVM");
            launcher.toHandle().destroy(); // SIGTERM, as kill or a service manager sends it
            assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), "the launcher ended");
            assertEquals(143, launcher.exitValue());
            assertFalse(children.get(0).onExit().get(10, TimeUnit.SECONDS).isAlive(), "the child ended too");
        } finally {
            launcher.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    @Test
    void onJava21OrNewerTheChapterRuns() throws Exception {
        Result version = launch(new File(System.getProperty("java.home"), "bin/java"), "--version");
        assertEquals(0, version.exitCode(), version.stderr());
        assertEquals("01-blocking 1.0", version.stdout().strip());
    }
}
