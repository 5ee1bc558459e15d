package sockets.udp.cli;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.Test;
import sockets.common.Cli;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.TestSockets;

/** Chapter 06's clients say in one line that nothing listens, where the kernel says so. */
class OneClearLineTest {

    private static int closedPort() throws Exception {
        try (DatagramChannel probe = DatagramChannel.open().bind(TestSockets.anyLoopbackPort())) {
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    @Test
    void anEchoClientToAClosedPortSaysNothingListensThere() throws Exception {
        int port = closedPort();
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "udp-echo-client", "--port",
                String.valueOf(port), "hello");
        result.assertOneLineFailure(Cli.FAILED, "no UDP server at 127.0.0.1:" + port + ": port unreachable");
    }

    @Test
    void anSntpClientToAClosedPortSaysNothingListensThere() throws Exception {
        int port = closedPort();
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "sntp-client", "--port", String.valueOf(port));
        result.assertOneLineFailure(Cli.FAILED, "no UDP server at 127.0.0.1:" + port + ": port unreachable");
    }
}
