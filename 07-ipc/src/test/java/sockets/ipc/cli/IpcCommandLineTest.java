package sockets.ipc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockets.common.Cli;
import sockets.common.testing.ChapterProcess;

/** Chapter 07's entry class as a real process. */
class IpcCommandLineTest {

    @Test
    void theTourRunsAndExitsZero() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class);
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("permissions rw-------"), result.stdout());
        assertTrue(result.stdout().contains("after a clean shutdown the file is gone"), result.stdout());
        assertTrue(result.stdout().contains("echo \"same handler, other address family\""), result.stdout());
        assertTrue(result.stdout().contains("read, after an acquire load of the head: \"published with a release store\""),
                result.stdout());
        assertEquals("", result.stderr());
    }

    @Test
    void aClientWithNoServerAtThePathFailsInOneLine() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "uds-echo-client", "--path",
                "/nonexistent-folder/none.sock", "hi");
        result.assertOneLineFailure(Cli.FAILED);
        assertTrue(result.stderr().contains("cannot connect to /nonexistent-folder/none.sock"), result.stderr());
    }

    @Test
    void theBlockingModelEchoesWithChapterOnesHandlerAndCleansUp(@TempDir Path folder) throws Exception {
        Path path = folder.resolve("b.sock");
        try (ChapterProcess server = ChapterProcess.start(Main.class, "uds-echo-server", "--path", path.toString(),
                "--model", "platform")) {
            assertEquals("listening on " + path, server.awaitFirstLine());
            ChapterProcess.Result client = ChapterProcess.run(Main.class, "uds-echo-client", "--path", path.toString(),
                    "one", "thread", "per", "client");
            assertEquals(0, client.exitCode(), client.stderr());
            assertEquals("one thread per client\n", client.stdout());
            server.terminate();
            server.awaitExit().assertNoStackTrace();
            assertFalse(Files.exists(path), "the socket file was deleted on SIGTERM");
        }
    }

    @Test
    void anUnknownModelIsBadUsageNamingTheValue() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "uds-echo-server", "--path", "/tmp/x.sock",
                "--model", "forked");
        result.assertOneLineFailure(Cli.USAGE);
        assertTrue(result.stderr().contains("forked"), result.stderr());
    }

    /** Every command the pages show for this chapter parses: a wrong option, or another chapter's jar, fails here. */
    @Test
    void everyCommandThePagesShowParses() throws Exception {
        sockets.common.testing.ReadmeCommands.assertEveryShownCommandParses("07-ipc", Main.class, 12);
    }
}
