package sockets.shutdown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Consumer;
import sockets.framing.FrameReader;
import sockets.framing.FrameWriter;
import sockets.framing.LengthPrefixFraming;

/**
 * An application-level liveness check over chapter 02's {@code length} framing. An empty frame is a
 * heartbeat; any other frame is data. Each side sends a heartbeat every interval; a side that hears
 * nothing at all from its peer for {@code missed} intervals declares it dead and closes.
 * <pre>
 * +--------------------+                      +--------------------+---------------+
 * | 00 00 00 00        |   a heartbeat        | length (4 B BE)    | data          |
 * +--------------------+                      +--------------------+---------------+
 * </pre>
 * TCP itself would notice a dead peer only when it next sends (after minutes of retries) or, with
 * keepalive, after hours by default. A heartbeat bounds detection to interval x missed, plus one interval.
 */
public final class HeartbeatSession {
    public static final LengthPrefixFraming FRAMING = new LengthPrefixFraming(64 * 1024);
    private static final byte[] HEARTBEAT = new byte[0];

    private final Socket socket;
    private final Duration interval;
    private final int missed;
    private final FrameWriter writer;
    private volatile long lastHeard;
    private volatile PeerSilentException verdict;

    public HeartbeatSession(Socket socket, Duration interval, int missed) throws IOException {
        if (interval.isNegative() || interval.isZero() || missed < 1) {
            throw new IllegalArgumentException("interval must be positive and missed at least 1");
        }
        this.socket = socket;
        this.interval = interval;
        this.missed = missed;
        this.writer = new FrameWriter(socket.getOutputStream(), FRAMING);
    }

    /** Sends one data frame (not a heartbeat); safe to call while {@link #run} is running. */
    public void send(byte[] data) throws IOException {
        if (data.length == 0) {
            throw new IllegalArgumentException("an empty frame is a heartbeat; data must not be empty");
        }
        synchronized (writer) {
            writer.write(data);
        }
    }

    /**
     * Sends heartbeats and reads the peer until it closes cleanly (returns) or goes silent for too long
     * ({@link PeerSilentException}). Every data frame received goes to {@code onData}.
     *
     * <p>Silence is judged by a watchdog thread that never reads or writes: it only looks at the clock and
     * at when the peer was last heard. A reader or writer can block (a write to a peer that stopped
     * reading blocks once both sides' buffers are full, here while it holds the writer's lock), but the
     * watchdog cannot: when the peer has been silent too long it closes the socket, which ends any stuck
     * read or write at once. Detection takes at most interval x missed, plus one interval.
     */
    public void run(Consumer<byte[]> onData) throws IOException {
        long intervalMs = interval.toMillis();
        lastHeard = System.nanoTime();
        Thread beats = Thread.ofVirtual().name("heartbeat-send").start(this::beat);
        Thread watchdog = Thread.ofVirtual().name("heartbeat-watchdog").start(() -> watch(intervalMs));
        try {
            FrameReader reader = new FrameReader(socket.getInputStream(), FRAMING.newDecoder());
            while (true) {
                byte[] frame;
                try {
                    frame = reader.read();
                } catch (IOException e) {
                    throw verdictOr(e); // the watchdog closed the socket under this read: say why
                }
                if (frame == null) {
                    return; // the peer closed cleanly
                }
                lastHeard = System.nanoTime();
                if (frame.length > 0) {
                    try {
                        onData.accept(frame);
                    } catch (UncheckedIOException e) {
                        throw verdictOr(e.getCause()); // a reply stuck in write until the watchdog closed
                    }
                }
            }
        } finally {
            beats.interrupt();
            watchdog.interrupt();
        }
    }

    private IOException verdictOr(IOException fault) {
        PeerSilentException silent = verdict;
        return silent != null ? silent : fault;
    }

    /** Wakes every interval; closes the socket once the peer has been silent for {@code missed} intervals. */
    private void watch(long intervalMs) {
        try {
            while (true) {
                Thread.sleep(intervalMs);
                long silentMs = (System.nanoTime() - lastHeard) / 1_000_000;
                if (silentMs >= intervalMs * missed) {
                    verdict = new PeerSilentException(silentMs, missed, intervalMs);
                    socket.close();
                    return;
                }
            }
        } catch (InterruptedException | IOException e) {
            // the session ended first (or the socket was already closed): nothing to judge
        }
    }

    private void beat() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                synchronized (writer) {
                    writer.write(HEARTBEAT);
                }
                Thread.sleep(interval);
            }
        } catch (InterruptedException | IOException e) {
            // the session is over (run returned, or the socket closed): stop beating
        }
    }
}
