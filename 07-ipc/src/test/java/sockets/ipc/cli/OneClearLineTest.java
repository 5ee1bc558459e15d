package sockets.ipc.cli;

import org.junit.jupiter.api.Test;
import sockets.common.Cli;
import sockets.common.testing.ChapterProcess;

/** Chapter 07's commands: an empty socket path is bad usage, named as such. */
class OneClearLineTest {

    @Test
    void anEmptySocketPathIsBadUsage() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "uds-echo-server", "--path", "");
        result.assertOneLineFailure(Cli.USAGE, "the socket path is empty");
    }
}
