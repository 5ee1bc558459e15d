package sockets.shutdown;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sockets.common.testing.ConnectionFlood;
import sockets.shutdown.cli.Main;

/**
 * 20,000 connections of one byte each to {@code digest-server} under a 64 MiB heap (1,044 once stopped it for
 * good: 64 KiB of buffer each). With the connection limit, the limit is said once, and afterwards a good
 * client gets its digest and SIGTERM gives 143.
 */
class ConnectionLimitTest {
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void twentyThousandOneByteRequestsUnderASmallHeapStopNothing() throws Exception {
        String stderr = ConnectionFlood.run(20_000, new byte[] {'x'}, address -> {
            DigestClient.Result result = DigestClient.exchange(address,
                    new ByteArrayInputStream("served after the flood".getBytes()), 10_000);
            assertTrue(result.matches(), result.toString());
        }, Main.class, "digest-server", "--port", "0");
        ConnectionFlood.assertLimitSaidOnce(stderr);
    }
}
