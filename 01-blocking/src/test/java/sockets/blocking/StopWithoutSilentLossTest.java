package sockets.blocking;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sockets.blocking.cli.Main;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.StopUnderLoad;

/**
 * SIGTERM while 200 clients stream through {@code echo-server}: a handler's thread may hold bytes it read
 * and has not echoed, so every connection still open is reset, and the server says how many in one line;
 * no client is ever ended as if all had been answered when it was not. (Before: an orderly end, and 0 lines.)
 */
class StopWithoutSilentLossTest {
    @ParameterizedTest(name = "--threads {0}")
    @ValueSource(strings = {"platform", "virtual"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sigtermMidStreamResetsEveryOpenConnectionAndSaysSo(String threads) throws Exception {
        try (ChapterProcess server = ChapterProcess.start(Main.class, "echo-server", "--port", "0", "--threads", threads,
                "--backlog", "256")) {
            StopUnderLoad.Outcome outcome = StopUnderLoad.prove(server, server.awaitListening(), 200);
            org.junit.jupiter.api.Assertions.assertEquals(200, outcome.cut(), "every open connection is cut, and said");
        }
    }

    /**
     * The drain: SIGTERM comes while a client is connected. The server stops accepting at once (a new connect
     * is refused: that is how the test knows the stop has begun) and lets this connection end by itself: the
     * client sends its last megabyte and a half-close, and reads every byte back and an orderly end; nothing
     * was cut, so nothing is said. (Before: the connection was reset as the stop began.)
     */
    @ParameterizedTest(name = "--threads {0}")
    @ValueSource(strings = {"platform", "virtual"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aClientThatHasSentItsLastBytesGetsEveryEchoAndAnOrderlyEndAfterSigterm(String threads) throws Exception {
        try (ChapterProcess server = ChapterProcess.start(Main.class, "echo-server", "--port", "0", "--threads", threads,
                "--drain-ms", "10000")) {
            java.net.InetSocketAddress address = server.awaitListening();
            byte[] sent = sockets.common.testing.TestSockets.randomBytes(11, 1024 * 1024);
            try (java.net.Socket client = sockets.common.testing.TestSockets.connect(address)) {
                client.getOutputStream().write(1);
                org.junit.jupiter.api.Assertions.assertEquals(1, client.getInputStream().read(), "served before the stop");
                server.terminate();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (accepts(address)) { // the stop has begun once the listener refuses (watched, bounded)
                    org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() < deadline, "the server never stopped accepting");
                    Thread.onSpinWait();
                }
                client.getOutputStream().write(sent); // during the drain; fits the buffers on the way there and back
                client.shutdownOutput();
                byte[] back = client.getInputStream().readAllBytes(); // to an orderly end, or a reset throws
                org.junit.jupiter.api.Assertions.assertArrayEquals(sent, back, "every byte echoed");
            }
            ChapterProcess.Result result = server.awaitExit();
            org.junit.jupiter.api.Assertions.assertEquals(143, result.exitCode(), result.stderr());
            org.junit.jupiter.api.Assertions.assertFalse(result.stderr().contains("stopped:"), "nothing cut: " + result.stderr());
            result.assertNoStackTrace();
        }
    }

    private static boolean accepts(java.net.InetSocketAddress address) {
        try (java.net.Socket probe = new java.net.Socket()) {
            probe.connect(address, 1_000);
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }
}
