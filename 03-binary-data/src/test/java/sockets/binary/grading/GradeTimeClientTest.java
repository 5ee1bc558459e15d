package sockets.binary.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.provider.Arguments;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.Mutants;
import sockets.binary.cli.Main;
import sockets.common.testing.GraderContract;

/**
 * Proof that {@code grade time-client} grades a client: chapter 03's own client and the Python reference
 * pass, and each one-line mutant fails the check that should catch it (Python cases skipped without python3).
 * Reading the count signed is no mutant here: the reference's RFC 4330 era rule (top bit clear means past
 * 2036) adds the 2^32 back, so a signed read prints the same instant.
 */
class GradeTimeClientTest extends GraderContract {
    GradeTimeClientTest() {
        super(Main.class, List.of("grade", "time-client"),
                List.of("time-client", "--port", "{port}"),
                "../docs/assignments/03-time/time_client.py");
    }

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of("reads little-endian", "struct.unpack(\"!I\"", "struct.unpack(\"<I\"",
                        "prints the time the 4 bytes name"),
                Arguments.of("prints a constant it never read", "print(instant.strftime(\"%Y-%m-%dT%H:%M:%SZ\"))",
                        "print(\"2025-07-14T21:09:03Z\")", "prints the time the 4 bytes name"),
                Arguments.of("counts from 1970", "seconds - SECONDS_1900_TO_1970, datetime", "seconds, datetime",
                        "prints the time the 4 bytes name"),
                Arguments.of("takes one recv for the 4 bytes", "while len(data) < count:", "if len(data) < count:",
                        "reads all 4 bytes when they arrive one at a time"),
                Arguments.of("prints nothing and exits 0 on a short reply",
                        "raise EOFError(f\"the server closed after {len(data)} of {count} bytes\")", "sys.exit(0)",
                        "exits 1 with one line on stderr when the server closes after 2 bytes"));
    }

    /** Python's {@code isoformat()} ({@code +00:00}) is ISO-8601 UTC too, and passes; the seed is printed, once. */
    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anOffsetOfPlusZeroAndFractionalSecondsPass(@TempDir Path folder) throws Exception {
        Mutants.assumePython();
        Path variant = Mutants.mutant(referencePath(), "print(instant.strftime(\"%Y-%m-%dT%H:%M:%SZ\"))",
                "print(instant.replace(microsecond=250000).isoformat())", folder);
        ChapterProcess.Result result = grade(folder.resolve("report.xml"), python(variant, referenceArgs()));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertEquals(1, result.stdout().lines()
                .filter(l -> l.matches("seed \\d+ \\(--seed \\d+ repeats this run's values\\)")).count(), result.stdout());

        // With --only, the checks are made before grading starts (to refuse a text in no check's name): the seed
        // drawn then is the one graded with, still printed once.
        java.util.List<String> only = new java.util.ArrayList<>(grade());
        only.addAll(java.util.List.of("--only", "prints the time"));
        ChapterProcess.Result chosen = grade(only, folder.resolve("only.xml"), python(variant, referenceArgs()));
        assertEquals(0, chosen.exitCode(), chosen.stdout() + chosen.stderr());
        assertEquals(1, chosen.stdout().lines()
                .filter(l -> l.matches("seed \\d+ \\(--seed \\d+ repeats this run's values\\)")).count(), chosen.stdout());
    }
}
