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

    @Test
    void aSocketPathTooLongForTheKernelIsBadUsageNamingItsLength() throws Exception {
        String path = "/tmp/" + "x".repeat(99); // 104 bytes: one over macOS's limit, which --path applies everywhere
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "uds-echo-server", "--path", path);
        result.assertOneLineFailure(Cli.USAGE, "is 104 bytes; a socket path must be at most 103");
    }
}
