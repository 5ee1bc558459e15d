package sockets.binary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import sockets.common.Cli;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.TestSockets;

/** Chapter 03's commands as real processes. */
class BinaryCommandLineTest {

    @Test
    void timeClientPrintsTheTimeServersInstantInIso8601() throws Exception {
        try (ChapterProcess server = ChapterProcess.start(Main.class, "time-server", "--port", "0")) {
            InetSocketAddress address = server.awaitListening();
            ChapterProcess.Result client = ChapterProcess.run(Main.class, "time-client", "--port",
                    String.valueOf(address.getPort()));
            assertEquals(0, client.exitCode(), client.stderr());
            Instant told = Instant.parse(client.stdout().trim());
            assertTrue(Duration.between(told, Instant.now()).abs().getSeconds() <= 30, "told " + told);
        }
    }

    @Test
    void timeClientToANonServerFailsInOneLine() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, TestSockets.loopback())) {
            port = probe.getLocalPort();
        }
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "time-client", "--port", String.valueOf(port));
        result.assertOneLineFailure(Cli.FAILED);
    }

    @Test
    void dumpShowsOneAsAU16InBothOrders() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "dump", "1", "--type", "u16");
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("u16     big-endian 00 01"), result.stdout());
        assertTrue(result.stdout().contains("little-endian 01 00"), result.stdout());
    }

    @Test
    void dumpOfAValueThatFitsNoTypeIsBadUsage() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "dump", "70000", "--type", "u16");
        result.assertOneLineFailure(Cli.USAGE);
        assertTrue(result.stderr().contains("'70000' does not fit a u16"), result.stderr());
    }

    @Test
    void anUnknownTypeIsBadUsage() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "dump", "1", "--type", "u24");
        result.assertOneLineFailure(Cli.USAGE);
    }

    @Test
    void sizesPrintsTheTable() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "sizes", "--count", "1000");
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("mostly 0 and 1"), result.stdout());
        assertEquals(4, result.stdout().lines().count(), result.stdout());
    }

    @Test
    void theTourRunsAndExitsZero() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class);
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("read with getInt(): -2,085,978,496"), result.stdout());
        assertEquals("", result.stderr());
    }

    /** Every command the pages show for this chapter parses: a wrong option, or another chapter's jar, fails here. */
    @Test
    void everyCommandThePagesShowParses() throws Exception {
        sockets.common.testing.ReadmeCommands.assertEveryShownCommandParses("03-binary-data", Main.class, 13);
    }
}
