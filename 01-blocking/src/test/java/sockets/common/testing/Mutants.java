package sockets.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Deliberately broken copies of a reference solution, each one line changed, to prove a grader catches
 * what it claims to: the mutant must fail, and fail the check named for its fault.
 */
public final class Mutants {
    private Mutants() {
    }

    /** Skips the calling test, saying why, where {@code python3} is not on the PATH. */
    public static void assumePython() {
        assumeTrue(ChapterProcess.onPath("python3"), "python3 is not on the PATH: the Python reference and its mutants are not graded");
    }

    /** {@code reference} with {@code line} replaced, written into {@code folder}; the line must be there. */
    public static Path mutant(Path reference, String line, String replacement, Path folder) throws IOException {
        String text = Files.readString(reference);
        assertTrue(text.contains(line), "the reference still has the line this mutant changes: " + line);
        return Files.writeString(folder.resolve(reference.getFileName()), text.replace(line, replacement));
    }

    /** The grading failed (exit 1), on a line that names {@code check}, and the report says so too. */
    public static void assertCaught(ChapterProcess.Result result, String check, Path report) throws IOException {
        assertEquals(1, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(result.stdout().lines().anyMatch(l -> l.startsWith("FAIL") && l.contains(check)),
                "the check '" + check + "' failed:\n" + result.stdout());
        assertTrue(Files.readString(report).contains("<failure"), "the report says so too");
    }
}
