package sockets.blocking.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import sockets.blocking.Relay;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.common.Cli;
import sockets.common.HostPort;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.LogCapture;
import sockets.common.testing.TestSockets;

/** Chapter 01's commands fail with one clear line, and its relay stops without a line per connection. */
class OneClearLineTest {

    @Test
    void aRelayToItsOwnListeningAddressIsBadUsage() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "relay", "--listen", "7999", "--to", "127.0.0.1:7999");
        result.assertOneLineFailure(Cli.USAGE, "--to 127.0.0.1:7999 is the relay's own listening address");
    }

    @Test
    void aRelayToAnUnknownHostFailsAtOnceNotAtTheFirstConnection() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "relay", "--listen", "0", "--to",
                "no.such.host.invalid:7");
        result.assertOneLineFailure(Cli.FAILED, "--to no.such.host.invalid:7: unknown host 'no.such.host.invalid'");
    }

    @Test
    void aRelayStoppedWithConnectionsOpenLogsNothingForThem() throws Exception {
        LogCapture log = new LogCapture();
        try (ServerSocket target = new ServerSocket(0, 5, TestSockets.loopback())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = target.accept()) {
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (java.io.IOException e) {
                    // the relay went away: the test is over
                }
            });
            ThreadPerConnectionServer relay = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 5,
                    Threads.VIRTUAL, new Relay(new HostPort("127.0.0.1", target.getLocalPort()), Relay.Faults.NONE,
                    TestSockets.TIMEOUT_MS, Threads.VIRTUAL), log.log());
            InetSocketAddress address = relay.start();
            try (Socket client = TestSockets.connect(address)) {
                client.getOutputStream().write(new byte[] {1, 2, 3});
                assertArrayEquals(new byte[] {1, 2, 3}, client.getInputStream().readNBytes(3));
                relay.close(); // returns once every handler has ended: any line would be written by now
            }
            assertEquals("", log.text(), "stopping is not a peer's fault");
        }
    }
}
