package sockets.select.grading;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
     * One client sends and reads nothing: once its buffers and the server's fill, a server that writes it
     * blocking is stuck on it, and a correct one stops reading it. The check waits until that client's writes
     * have stopped moving (the flood is stuck, whichever way), then another client's echo must come back.
     */
    public static void clientThatNeverReads(Connector target) throws Exception {
        AtomicLong written = new AtomicLong();
        try (Peer stalled = target.connect(); Peer other = target.connect()) {
            CompletableFuture<Void> flooding = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = stalled.out();
                    byte[] block = new byte[64 * 1024];
                    for (int i = 0; i < 4096; i++) { // up to 256 MiB: more than any kernel buffers hold
                        out.write(block); // blocks for good once nothing reads us: as it should
                        written.addAndGet(block.length);
                    }
                } catch (IOException e) {
                    // closed at the end of the check, or by the server: either way this client is done
                }
            }, Thread::startVirtualThread);
            try {
                awaitStuck(written);
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
                        throw new CheckFailure(new String(message) + ", while another client had sent "
                                + written.get() / 1024 + " KiB and read none of its echo", "the echo at once",
                                "nothing within the read timeout: is the server blocked writing to the client that does"
                                        + " not read?", "");
                    }
                }
            } finally {
                stalled.reset();
                flooding.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Waits (at most 20 s) until the flood has made no progress for half a second. */
    private static void awaitStuck(AtomicLong written) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long last = -1;
        int still = 0;
        while (still < 5 && System.nanoTime() < deadline) {
            Thread.sleep(100); // a measurement of progress, not a guess at timing
            long now = written.get();
            still = now == last ? still + 1 : 0;
            last = now;
        }
    }
}
