package sockets.select;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.StopUnderLoad;
import sockets.select.cli.Main;

/**
 * SIGTERM while 200 clients stream through a selector server: it stops accepting and reading, sends what
 * its queues owe for up to --drain-ms, ends in order the connections owed nothing (the clients that were
 * waiting, every byte echoed), resets the rest and counts them in one line. No client is ended in order
 * while bytes it sent were never answered.
 */
class StopWithoutSilentLossTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"select-echo-server --loops 2", "select-frame-server --framing line"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sigtermMidStreamDrainsWhatIsOwedAndResetsTheRest(String command) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command.split(" ")));
        args.addAll(java.util.List.of("--port", "0", "--drain-ms", "1000"));
        try (ChapterProcess server = ChapterProcess.start(Main.class, args.toArray(String[]::new))) {
            StopUnderLoad.Outcome outcome = StopUnderLoad.prove(server, server.awaitListening(), 200);
            // The 100 waiting clients were owed nothing: each ends in order, every byte echoed, none cut.
            org.junit.jupiter.api.Assertions.assertEquals(100, outcome.waitingEndedInOrder(), outcome.toString());
        }
    }
}
