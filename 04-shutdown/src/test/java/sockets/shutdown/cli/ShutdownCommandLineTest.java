package sockets.shutdown.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockets.common.Cli;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.TestSockets;

/** Chapter 04's commands, and the relay's new faults, as real processes. */
class ShutdownCommandLineTest {

    @Test
    void digestClientSendsAFileAndPrintsTheServersCountAndDigest(@TempDir Path folder) throws Exception {
        byte[] data = TestSockets.randomBytes(4, 300_000);
        Path file = Files.write(folder.resolve("data.bin"), data);
        String expected = data.length + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        try (ChapterProcess server = ChapterProcess.start(Main.class, "digest-server", "--port", "0")) {
            InetSocketAddress address = server.awaitListening();
            ChapterProcess.Result client = ChapterProcess.run(Main.class, "digest-client", "--port",
                    String.valueOf(address.getPort()), file.toString());
            assertEquals(0, client.exitCode(), client.stderr());
            assertEquals(expected + "\n", client.stdout());
        }
    }

    @Test
    void aRequestOverTheServersLimitFailsTheClientInOneLine(@TempDir Path folder) throws Exception {
        Path file = Files.write(folder.resolve("big.bin"), new byte[200_000]);
        try (ChapterProcess server = ChapterProcess.start(Main.class, "digest-server", "--port", "0",
                "--max-request", "1000")) {
            InetSocketAddress address = server.awaitListening();
            ChapterProcess.Result client = ChapterProcess.run(Main.class, "digest-client", "--port",
                    String.valueOf(address.getPort()), file.toString());
            client.assertOneLineFailure(Cli.FAILED);
            assertTrue(client.stderr().contains("request exceeds maximum 1000 bytes"), client.stderr());
        }
    }

    @Test
    void heartbeatClientAndServerRunForAWhileAndPartCleanly() throws Exception {
        try (ChapterProcess server = ChapterProcess.start(Main.class, "heartbeat-server", "--port", "0",
                "--interval-ms", "100")) {
            InetSocketAddress address = server.awaitListening();
            ChapterProcess.Result client = ChapterProcess.run(Main.class, "heartbeat-client", "--port",
                    String.valueOf(address.getPort()), "--interval-ms", "100", "--duration-ms", "700");
            assertEquals(0, client.exitCode(), client.stderr());
            assertTrue(client.stdout().endsWith("the server closed the connection\n"), client.stdout());
            server.terminate();
            ChapterProcess.Result stopped = server.awaitExit();
            assertEquals("", stopped.stderr(), "a clean goodbye is no peer fault");
        }
    }

    @Test
    void theRelayRefusesBothPauseAndResetAtOnce() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "relay", "--listen", "0",
                "--to", "127.0.0.1:1", "--pause-after", "10", "--reset-after", "10");
        result.assertOneLineFailure(Cli.USAGE);
    }

    @Test
    void theTourRunsAndExitsZero() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class);
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("count and SHA-256 match what was sent"), result.stdout());
        assertTrue(result.stdout().contains("no heartbeat for"), result.stdout());
        assertEquals("", result.stderr());
    }

    /** Every command the pages show for this chapter parses: a wrong option, or another chapter's jar, fails here. */
    @Test
    void everyCommandThePagesShowParses() throws Exception {
        sockets.common.testing.ReadmeCommands.assertEveryShownCommandParses("04-shutdown", Main.class, 11);
    }
}
