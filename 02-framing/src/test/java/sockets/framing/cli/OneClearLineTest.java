package sockets.framing.cli;

import org.junit.jupiter.api.Test;
import sockets.common.Cli;
import sockets.common.testing.ChapterProcess;

/** Chapter 02's commands fail with one line that says what is wrong. */
class OneClearLineTest {

    @Test
    void fixedZeroSaysNMustBeAtLeastOne() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "frame-server", "--framing", "fixed:0");
        result.assertOneLineFailure(Cli.USAGE, "N in fixed:N must be at least 1, not 0");
    }

    @Test
    void aZeroMemoryBudgetIsBadUsage() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "frame-server", "--framing", "line",
                "--max-memory", "0");
        result.assertOneLineFailure(Cli.USAGE, "--max-memory must be at least 1 byte, not 0");
    }
}
