package sockets.udp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import sockets.common.Cli;
import sockets.common.testing.ChapterProcess;

/** Chapter 06's commands as real processes. */
class UdpCommandLineTest {

    @Test
    void udpEchoClientGetsItsEchoFromUdpEchoServer() throws Exception {
        try (ChapterProcess server = ChapterProcess.start(Main.class, "udp-echo-server", "--port", "0")) {
            InetSocketAddress address = server.awaitListening();
            ChapterProcess.Result client = ChapterProcess.run(Main.class, "udp-echo-client", "--port",
                    String.valueOf(address.getPort()), "hello", "datagram");
            assertEquals(0, client.exitCode(), client.stderr());
            assertEquals("hello datagram\n", client.stdout());
        }
    }

    /** Through a relay dropping 60% (seed 3 drops the very first datagram), the client retries and says how many it lost. */
    @Test
    void udpEchoClientRetriesThroughALossyRelayAndReportsTheLoss() throws Exception {
        try (ChapterProcess server = ChapterProcess.start(Main.class, "udp-echo-server", "--port", "0");
             ChapterProcess relay = ChapterProcess.start(Main.class, "lossy-relay", "--listen", "0", "--to",
                     "127.0.0.1:" + server.awaitListening().getPort(), "--drop", "0.6", "--seed", "3")) {
            InetSocketAddress through = relay.awaitListening();
            ChapterProcess.Result client = ChapterProcess.run(Main.class, "udp-echo-client", "--port",
                    String.valueOf(through.getPort()), "--timeout-ms", "200", "--retries", "20", "through", "loss");
            assertEquals(0, client.exitCode(), client.stderr());
            assertEquals("through loss\n", client.stdout());
            assertTrue(client.stderr().matches("echoed on try \\d+: \\d+ lost\\n"), client.stderr());
        }
    }

    @Test
    void sntpClientPrintsTheOffsetFromSntpServer() throws Exception {
        try (ChapterProcess server = ChapterProcess.start(Main.class, "sntp-server", "--port", "0")) {
            InetSocketAddress address = server.awaitListening();
            ChapterProcess.Result client = ChapterProcess.run(Main.class, "sntp-client", "--port",
                    String.valueOf(address.getPort()));
            assertEquals(0, client.exitCode(), client.stderr());
            assertTrue(client.stdout().contains("(stratum 1, LOCL)") && client.stdout().contains("offset "),
                    client.stdout());
        }
    }

    @Test
    void sntpClientToNobodyFailsInOneLine() throws Exception {
        int port;
        try (java.nio.channels.DatagramChannel probe = java.nio.channels.DatagramChannel.open()
                .bind(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))) {
            port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        ChapterProcess.Result client = ChapterProcess.run(Main.class, "sntp-client", "--port", String.valueOf(port),
                "--timeout-ms", "500");
        client.assertOneLineFailure(Cli.FAILED);
    }

    @Test
    void aLossRateAboveOneIsBadUsage() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "lossy-relay", "--listen", "0", "--to",
                "127.0.0.1:9", "--drop", "1.5");
        result.assertOneLineFailure(Cli.USAGE);
        assertTrue(result.stderr().contains("1.5"), result.stderr());
    }

    @Test
    void theTourRunsAndExitsZero() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class);
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("each exactly once and in order"), result.stdout());
        assertEquals("", result.stderr());
    }

    /** Every command the pages show for this chapter parses: a wrong option, or another chapter's jar, fails here. */
    @Test
    void everyCommandThePagesShowParses() throws Exception {
        sockets.common.testing.ReadmeCommands.assertEveryShownCommandParses("06-udp", Main.class, 13);
    }
}
