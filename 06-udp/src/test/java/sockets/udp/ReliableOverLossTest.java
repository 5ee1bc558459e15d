package sockets.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sockets.common.PeerLog;
import sockets.common.testing.TestSockets;

/** The stop-and-wait layer against a network that drops, duplicates and reorders, repeatably. */
class ReliableOverLossTest {
    private static final int MESSAGES = 1_000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    // The three seeds at once: each spends its time waiting out 5 ms retransmission timers, not computing.
    @org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
    void deliversAThousandMessagesExactlyOnceAndInOrderThrough30PercentLoss(long seed) throws Exception {
        PeerLog quiet = PeerLog.discard();
        List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        try (UdpServer server = new UdpServer(TestSockets.anyLoopbackPort(), new ReliableServer(payload -> {
            delivered.add(new String(payload, StandardCharsets.UTF_8));
            return ("ack " + new String(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }), quiet);
             LossyRelay relay = new LossyRelay(TestSockets.anyLoopbackPort(), server.start(),
                     new LossyRelay.Faults(0.3, 0.1, 0.1, seed), quiet);
             ReliableClient client = new ReliableClient(relay.start(), Duration.ofMillis(5), 200)) {
            for (int i = 0; i < MESSAGES; i++) {
                byte[] reply = client.request(("m" + i).getBytes(StandardCharsets.UTF_8));
                assertArrayEquals(("ack m" + i).getBytes(StandardCharsets.UTF_8), reply, "the reply to request " + i);
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                expected.add("m" + i);
            }
            assertEquals(expected, delivered, "exactly once, in order");
            assertTrue(client.retransmissions() > 100, "the relay really lost datagrams: "
                    + client.retransmissions() + " retransmissions");
            System.out.printf("reliable, seed %d: %,d messages, %,d retransmissions%n", seed, MESSAGES,
                    client.retransmissions());
        }
    }
}
