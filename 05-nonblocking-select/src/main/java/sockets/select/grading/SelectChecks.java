package sockets.select.grading;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import sockets.blocking.grading.EchoChecks;
import sockets.common.grading.Check;
import sockets.common.grading.CheckFailure;
import sockets.common.grading.Connector;
import sockets.common.grading.Peer;

/**
 * A non-blocking echo server's checks: chapter 01's echo checks, at 1,000 clients at once, and the one a
 * select loop can fail where threads cannot: a client that sends and never reads must not stall anyone.
 */
public final class SelectChecks {
    private SelectChecks() {
    }

    public static List<Check> all(int clients, String reproduceAt) {
        List<Check> checks = new ArrayList<>(EchoChecks.all(clients, reproduceAt));
        checks.add(Check.required("a client that sends and never reads does not stall the others", 3,
                SelectChecks::clientThatNeverReads));
        return checks;
    }

    /**
     * One client writes 8 MiB and reads nothing: once the buffers fill, a server that writes it blocking
     * (or never stops reading it) is stuck on it. Meanwhile another client's echo must come back at once.
     */
    public static void clientThatNeverReads(Connector target) throws Exception {
        try (Peer stalled = target.connect(); Peer other = target.connect()) {
            CompletableFuture<Void> flooding = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = stalled.out();
                    byte[] block = new byte[64 * 1024];
                    for (int i = 0; i < 128; i++) {
                        out.write(block); // blocks for good once the server stops reading us: as it should
                    }
                } catch (IOException e) {
                    // closed at the end of the check, or by the server: either way this client is done
                }
            }, Thread::startVirtualThread);
            try {
                for (int i = 0; i < 10; i++) {
                    byte[] message = ("message " + i + " from a client that reads").getBytes();
                    other.out().write(message);
                    byte[] back;
                    try {
                        back = other.in().readNBytes(message.length);
                    } catch (SocketTimeoutException e) {
                        back = new byte[0];
                    }
                    if (!Arrays.equals(message, back)) {
                        throw new CheckFailure(new String(message) + ", while another client sent megabytes and read"
                                + " none of its echo", "the echo at once", "nothing within the read timeout: is the"
                                + " server blocked writing to the client that does not read?", "");
                    }
                }
            } finally {
                stalled.reset();
                flooding.get(30, TimeUnit.SECONDS);
            }
        }
    }
}
