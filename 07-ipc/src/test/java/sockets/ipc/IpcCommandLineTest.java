package sockets.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import sockets.blocking.ChapterProcess;
import sockets.blocking.Cli;

/** Chapter 07's entry class as a real process. */
class IpcCommandLineTest {

    @Test
    void theTourRunsAndExitsZero() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class);
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("permissions rw-------"), result.stdout());
        assertTrue(result.stdout().contains("after a clean shutdown the file is gone"), result.stdout());
        assertEquals("", result.stderr());
    }

    @Test
    void aClientWithNoServerAtThePathFailsInOneLine() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "uds-echo-client", "--path",
                "/nonexistent-folder/none.sock", "hi");
        result.assertOneLineFailure(Cli.FAILED);
        assertTrue(result.stderr().contains("cannot connect to /nonexistent-folder/none.sock"), result.stderr());
    }
}
