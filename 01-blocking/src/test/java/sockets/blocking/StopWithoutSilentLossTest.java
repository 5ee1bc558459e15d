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
}
