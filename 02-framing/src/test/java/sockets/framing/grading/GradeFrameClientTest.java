package sockets.framing.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ValueSource;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.GraderContract;
import sockets.common.testing.Mutants;
import sockets.framing.cli.Main;

/**
 * Proof that {@code grade frame-client} grades a client: with {@code --framing length}, chapter 02's own
 * client and the Python reference pass, and each one-line mutant fails the check that should catch it; the
 * reference passes for line and netstring too.
 */
class GradeFrameClientTest extends GraderContract {
    GradeFrameClientTest() {
        super(Main.class, List.of("grade", "frame-client", "--framing", "length"),
                List.of("frame-client", "--framing", "length", "--port", "{port}"),
                "../docs/assignments/02-framing/frame_client.py");
    }

    @Override
    protected List<String> referenceArgs() {
        return List.of("--framing", "length", "--port", "{port}");
    }

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of("drops the leftover of a read",
                        "return buffer[4:4 + length], buffer[4 + length:]", "return buffer[4:4 + length], b\"\"",
                        "splits replies that arrive together in one read"),
                Arguments.of("reads the length in the wrong byte order",
                        "int.from_bytes(buffer[:4], \"big\")", "int.from_bytes(buffer[:4], \"little\")",
                        "sends each argument as one frame and prints each reply"),
                Arguments.of("checks the limit only once the whole reply is there",
                        "if length > max_frame:", "if length > max_frame and len(buffer) >= 4 + length:",
                        "refuses a reply over its limit"),
                Arguments.of("lets a refused connection out as a traceback",
                        "except (FrameError, OSError) as e:", "except FrameError as e:",
                        "exits 1 with one line on stderr when nothing listens"));
    }

    @ParameterizedTest(name = "--framing {0}")
    @ValueSource(strings = {"line", "netstring"})
    @Execution(ExecutionMode.CONCURRENT)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void thePythonReferencePassesForItsOtherFramings(String framing, @TempDir Path folder) throws Exception {
        Mutants.assumePython();
        ChapterProcess.Result result = grade(List.of("grade", "frame-client", "--framing", framing), folder.resolve("r.xml"),
                python(referencePath(), List.of("--framing", framing, "--port", "{port}")));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
    }
}
