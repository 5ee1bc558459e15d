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
 * Proof that {@code grade frame-server} grades: with {@code --framing length}, chapter 02's server and the
 * Python reference pass and each one-line mutant fails the check that should catch it; and chapter 02's
 * server passes for every framing, the reference for the three it speaks.
 */
class GradeFrameServerTest extends GraderContract {
    GradeFrameServerTest() {
        super(Main.class, List.of("grade", "frame-server", "--framing", "length"),
                List.of("frame-server", "--framing", "length", "--port", "{port}"),
                "../docs/assignments/02-framing/frame_server.py");
    }

    @Override
    protected List<String> referenceArgs() {
        return List.of("--framing", "length", "--port", "{port}");
    }

    @Override
    protected List<String> starters() {
        return List.of("../docs/assignments/02-framing/starter.py", "../docs/assignments/02-framing/Starter.java");
    }

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of("drops the leftover of a read",
                        "buffer = buffer[4 + length:]  # keep the rest: it is the start of the next frame",
                        "buffer = b\"\"  # mutant: the rest of the read is dropped",
                        "answers every message of a write that carried three"),
                Arguments.of("takes one read as one message",
                        "found, buffer = frames(buffer + data, framing, max_frame)",
                        "found, buffer = [len(data[4:]).to_bytes(4, \"big\") + data[4:]], b\"\""
                                + "  # mutant: each read is one whole frame, its payload after 4 header bytes",
                        "a stream written one byte at a time still gives whole messages"),
                Arguments.of("reads the length in the wrong byte order",
                        "int.from_bytes(buffer[:4], \"big\")", "int.from_bytes(buffer[:4], \"little\")",
                        "echoes 100 messages, each framed the same way"),
                Arguments.of("never checks the limit (it would allocate what the header declares)",
                        "if length > max_frame:", "if False:  # mutant: no limit",
                        "a frame over the limit"),
                Arguments.of("serves one client at a time",
                        "threading.Thread(target=serve, args=(conn, peer, args.framing, max_frame), daemon=True).start()",
                        "serve(conn, peer, args.framing, max_frame)",
                        "and the others are served"));
    }

    @ParameterizedTest(name = "--framing {0}")
    @ValueSource(strings = {"fixed:8", "line", "ascii", "netstring", "typed"})
    @Execution(ExecutionMode.CONCURRENT)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void chapterTwosOwnFrameServerPassesForEveryFraming(String framing, @TempDir Path folder) throws Exception {
        ChapterProcess.Result result = grade(List.of("grade", "frame-server", "--framing", framing),
                folder.resolve("r.xml"), ourCommand(List.of("frame-server", "--framing", framing, "--port", "{port}")));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
    }

    @ParameterizedTest(name = "--framing {0}")
    @ValueSource(strings = {"line", "netstring"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void thePythonReferencePassesForItsOtherFramings(String framing, @TempDir Path folder) throws Exception {
        Mutants.assumePython();
        ChapterProcess.Result result = grade(List.of("grade", "frame-server", "--framing", framing),
                folder.resolve("r.xml"), python(referencePath(), List.of("--framing", framing, "--port", "{port}")));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
    }
}
