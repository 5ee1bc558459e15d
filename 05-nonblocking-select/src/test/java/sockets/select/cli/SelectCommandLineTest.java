package sockets.select.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import sockets.common.Cli;
import sockets.common.testing.ChapterProcess;

/** Chapter 05's commands as real processes. */
class SelectCommandLineTest {

    @Test
    void loadAgainstTheSelectEchoServerReportsEveryEchoRight() throws Exception {
        try (ChapterProcess server = ChapterProcess.start(Main.class, "select-echo-server", "--port", "0")) {
            InetSocketAddress address = server.awaitListening();
            ChapterProcess.Result load = ChapterProcess.run(Main.class, "load", "--port", String.valueOf(address.getPort()),
                    "--connections", "200", "--messages", "50", "--size", "100");
            assertEquals(0, load.exitCode(), load.stderr());
            assertTrue(load.stdout().contains("connections 200 (0 failed), messages 10,000 (0 wrong)"), load.stdout());
            assertTrue(load.stdout().contains("p99"), load.stdout());
            ChapterProcess.Result pingPong = ChapterProcess.run(Main.class, "load", "--port",
                    String.valueOf(address.getPort()), "--mode", "ping-pong", "--messages", "300", "--size", "64");
            assertEquals(0, pingPong.exitCode(), pingPong.stderr());
            assertTrue(pingPong.stdout().contains("connections 1 (0 failed), messages 300 (0 wrong), 19,200 bytes"),
                    pingPong.stdout());
        }
    }

    @Test
    void pingPongWithMoreThanOneConnectionIsBadUsage() throws Exception {
        ChapterProcess.Result load = ChapterProcess.run(Main.class, "load", "--mode", "ping-pong", "--connections", "5");
        load.assertOneLineFailure(Cli.USAGE, "--mode ping-pong uses one connection, not --connections 5");
    }

    /** Ping-pong checks every echo: a server that changes one byte of each is counted wrong every time. */
    @Test
    void pingPongCountsEveryWrongEcho() throws Exception {
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread server = Thread.ofVirtual().start(() -> {
                try (java.net.Socket peer = listener.accept()) {
                    byte[] message = new byte[16];
                    for (int n = peer.getInputStream().readNBytes(message, 0, 16); n == 16;
                         n = peer.getInputStream().readNBytes(message, 0, 16)) {
                        message[7] ^= 1;
                        peer.getOutputStream().write(message);
                    }
                } catch (java.io.IOException e) {
                    // the client has gone: the test reads what it counted
                }
            });
            sockets.select.LoadGenerator.Report report = sockets.select.LoadGenerator.pingPong(
                    new sockets.select.LoadGenerator.Settings((InetSocketAddress) listener.getLocalSocketAddress(), 1, 40, 16,
                            java.time.Duration.ZERO, null, null));
            assertEquals(40, report.messages());
            assertEquals(40, report.wrong());
            assertEquals(0, report.failed(), report.firstFault());
            server.join(java.time.Duration.ofSeconds(10));
        }
    }

    @Test
    void selectFrameServerServesFrameClientAndNamesAGarbagePeer() throws Exception {
        try (ChapterProcess server = ChapterProcess.start(Main.class, "select-frame-server", "--port", "0",
                "--framing", "line", "--loops", "2")) {
            InetSocketAddress address = server.awaitListening();
            ChapterProcess.Result client = ChapterProcess.run(sockets.framing.cli.Main.class, "frame-client", "--framing",
                    "line", "--port", String.valueOf(address.getPort()), "one", "two");
            assertEquals(0, client.exitCode(), client.stderr());
            assertEquals("one\ntwo\n", client.stdout());
            // ping-pong with lines: 2,000 random bytes hold newlines, which a line's payload cannot
            ChapterProcess.Result lines = ChapterProcess.run(Main.class, "load", "--port", String.valueOf(address.getPort()),
                    "--mode", "ping-pong", "--framing", "line", "--messages", "20", "--size", "2000");
            assertEquals(0, lines.exitCode(), lines.stdout() + lines.stderr());
            assertTrue(lines.stdout().contains("messages 20 (0 wrong)"), lines.stdout());
            server.terminate();
            ChapterProcess.Result stopped = server.awaitExit();
            stopped.assertNoStackTrace();
        }
    }

    @Test
    void loadAgainstNobodyFailsInOneLine() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ChapterProcess.Result load = ChapterProcess.run(Main.class, "load", "--port", String.valueOf(port),
                "--connections", "3", "--messages", "1");
        assertEquals(Cli.FAILED, load.exitCode(), load.stderr());
        assertTrue(load.stderr().contains("3 connections failed"), load.stderr());
        load.assertNoStackTrace();
    }

    @Test
    void loadWithNeitherMessagesNorDurationIsBadUsage() throws Exception {
        ChapterProcess.Result load = ChapterProcess.run(Main.class, "load", "--messages", "0");
        load.assertOneLineFailure(Cli.USAGE);
    }

    @Test
    void theTourRunsAndExitsZero() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class);
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("connections 1,000 (0 failed)"), result.stdout());
        assertEquals("", result.stderr());
    }

    /** Every command the pages show for this chapter parses: a wrong option, or another chapter's jar, fails here. */
    @Test
    void everyCommandThePagesShowParses() throws Exception {
        sockets.common.testing.ReadmeCommands.assertEveryShownCommandParses("05-nonblocking-select", Main.class, 9);
    }
}
