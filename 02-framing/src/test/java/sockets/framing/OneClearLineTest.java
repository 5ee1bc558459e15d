package sockets.framing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import sockets.blocking.ChapterProcess;
import sockets.blocking.Cli;

/** Chapter 02's commands fail with one line that says what is wrong. */
class OneClearLineTest {

    @Test
    void fixedZeroSaysNMustBeAtLeastOne() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "frame-server", "--framing", "fixed:0");
        result.assertOneLineFailure(Cli.USAGE);
        assertTrue(result.stderr().contains("N in fixed:N must be at least 1, not 0"), result.stderr());
    }

    @Test
    void aZeroMemoryBudgetIsBadUsage() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "frame-server", "--framing", "line",
                "--max-memory", "0");
        result.assertOneLineFailure(Cli.USAGE);
        assertTrue(result.stderr().contains("--max-memory must be at least 1 byte, not 0"), result.stderr());
    }
}
