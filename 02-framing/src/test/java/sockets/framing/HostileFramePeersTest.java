package sockets.framing;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sockets.framing.cli.Main;

/** {@code frame-server} as a process, against peers that lie about their frames' lengths. */
class HostileFramePeersTest {

    @ParameterizedTest(name = "--framing {0}")
    @ValueSource(strings = {"length", "netstring"})
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aThousandDeclaredMegabytesDoNotExhaustA64MiBHeap(String framing) throws Exception {
        // The limit on connections raised past the 1,000 liars (at this heap it is 256, and the 257th would wait
        // in the backlog): this test is about what their declared lengths cost, not how many there are.
        DeclaredLengthAttack.run(Main.class, framing, "frame-server", "--framing", framing, "--port", "0",
                "--max-connections", "2000");
    }
}
