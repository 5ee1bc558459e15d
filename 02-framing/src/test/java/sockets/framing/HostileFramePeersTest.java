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
        DeclaredLengthAttack.run(Main.class, framing, "frame-server", "--framing", framing, "--port", "0");
    }
}
