package sockets.shutdown.cli;

import org.junit.jupiter.api.Test;
import sockets.common.Cli;
import sockets.common.testing.ChapterProcess;

/** Chapter 04's commands fail with one line that says what is wrong. */
class OneClearLineTest {

    @Test
    void aDigestOfAMissingFileSaysSo() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "digest-client", "/nonexistent/request.bin");
        result.assertOneLineFailure(Cli.FAILED, "cannot read /nonexistent/request.bin: no such file");
    }
}
