package sockets.select.grading;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
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
    /** How much the client that never reads sends, at most: far past any loopback buffer the kernel autotunes. */
    static final long FLOOD_MIB = 64;

    private SelectChecks() {
    }

    public static List<Check> all(int clients, String reproduceAt) {
        List<Check> checks = new ArrayList<>(EchoChecks.all(clients, reproduceAt));
        checks.add(Check.required("a client that sends and never reads does not stall the others, and gets every byte"
                + " back once it reads", 3,
                SelectChecks::clientThatNeverReads));
        return checks;
    }

    /**
     * One client sends and reads nothing: once its buffers and the server's fill, a server that writes it
     * blocking is stuck on it, and a correct one stops reading it. The check waits until that client's writes
     * have stopped moving (the flood is stuck, whichever way), then another client's echo must come back.
     * Last, the flooding client reads its echo: every byte of it. By then it has sent far past what the
     * kernel's autotuned loopback buffers hold (up to {@value #FLOOD_MIB} MiB, while the server could not
     * send), so the server's sends came up short: one that threw away the unsent rest hands back less.
     * What is sent and read is counted and checksummed as it goes, never kept.
     */
    public static void clientThatNeverReads(Connector target) throws Exception {
        AtomicLong written = new AtomicLong();
        long total = FLOOD_MIB * 1024 * 1024;
        try (Peer stalled = target.connect(); Peer other = target.connect()) {
            CompletableFuture<Long> flooding = CompletableFuture.supplyAsync(() -> {
                CRC32 crc = new CRC32();
                try {
                    OutputStream out = stalled.out();
                    Random random = new Random(total);
                    byte[] block = new byte[64 * 1024];
                    for (long sent = 0; sent < total; sent += block.length) {
                        random.nextBytes(block);
                        out.write(block); // blocks once nothing reads us and the server stops reading: as it should
                        crc.update(block);
                        written.addAndGet(block.length);
                    }
                    stalled.shutdownOutput();
                } catch (IOException e) {
                    return -1L; // closed by the server or at the end of the check: this client is done
                }
                return crc.getValue();
            }, Thread::startVirtualThread);
            boolean read = false;
            try {
                awaitStuck(written, flooding);
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
                readEveryByte(stalled, written, total, flooding);
                read = true;
            } finally {
                if (!read) {
                    stalled.reset();
                }
                flooding.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The flooding client reads its whole echo (to end of stream) and compares count and checksum. */
    private static void readEveryByte(Peer stalled, AtomicLong written, long total, CompletableFuture<Long> flooding)
            throws Exception {
        long stuckAt = written.get();
        CRC32 crc = new CRC32();
        long got = 0;
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n = stalled.in().read(buffer); n != -1; n = stalled.in().read(buffer)) {
                crc.update(buffer, 0, n);
                got += n;
                if (got > total) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // what came is what we report
        }
        long sentCrc = flooding.get(30, TimeUnit.SECONDS);
        if (got != total || crc.getValue() != sentCrc) {
            throw new CheckFailure(total / (1024 * 1024) + " MiB from a client that read nothing until " + stuckAt / 1024
                    + " KiB were sent (past every loopback buffer: the server's sends came up short)",
                    "all " + total + " bytes back, then end of stream",
                    got + " bytes" + (got == total ? ", not the same ones" : "") + ": did the server throw away what a"
                            + " short send left unsent?", "");
        }
    }

    /** Waits (at most 20 s) until the flood has made no progress for half a second, or has sent everything. */
    private static void awaitStuck(AtomicLong written, CompletableFuture<Long> flooding) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long last = -1;
        int still = 0;
        while (still < 5 && !flooding.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(100); // a measurement of progress, not a guess at timing
            long now = written.get();
            still = now == last ? still + 1 : 0;
            last = now;
        }
    }
}
