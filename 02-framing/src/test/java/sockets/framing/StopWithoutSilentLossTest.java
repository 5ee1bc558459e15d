package sockets.framing;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.StopUnderLoad;
import sockets.framing.cli.Main;

/**
 * SIGTERM while 200 clients stream lines through {@code frame-server --framing line}: a line half read is
 * held by its handler, so every open connection is reset and counted in one line on stderr. (Before: up to
 * 2.7 MB lost per client behind an orderly end of stream, and nothing said.)
 */
class StopWithoutSilentLossTest {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sigtermMidStreamResetsEveryOpenConnectionAndSaysSo() throws Exception {
        try (ChapterProcess server = ChapterProcess.start(Main.class, "frame-server", "--framing", "line", "--port", "0",
                "--backlog", "256")) {
            StopUnderLoad.Outcome outcome = StopUnderLoad.prove(server, server.awaitListening(), 200);
            org.junit.jupiter.api.Assertions.assertEquals(200, outcome.cut(), "every open connection is cut, and said");
        }
    }
}
