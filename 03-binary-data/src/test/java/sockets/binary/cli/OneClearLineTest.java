package sockets.binary.cli;

import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import sockets.common.Cli;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.TestSockets;

/** Chapter 03's commands fail with one line that says what is wrong, and where. */
class OneClearLineTest {

    @Test
    void dumpOfAWordSaysItIsNotANumber() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "dump", "abc");
        result.assertOneLineFailure(Cli.USAGE, "'abc' is not a number");
    }

    @Test
    void sizesOfZeroValuesIsBadUsage() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "sizes", "--count", "0");
        result.assertOneLineFailure(Cli.USAGE, "--count must be at least 1, not 0");
    }

    @Test
    void aTimeClientAnsweredBySilenceNamesTheServerAndTheProtocolsRule() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, TestSockets.loopback())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = silent.accept()) {
                    s.getInputStream().read(); // an echo server, say: it waits for the client to speak
                } catch (java.io.IOException e) {
                    // the client gave up: that is the test
                }
            });
            ChapterProcess.Result result = ChapterProcess.run(Main.class, "time-client", "--port",
                    String.valueOf(silent.getLocalPort()), "--timeout-ms", "300");
            result.assertOneLineFailure(Cli.FAILED, "127.0.0.1:" + silent.getLocalPort() + " sent no time within 300 ms");
        }
    }
}
