package sockets.shutdown;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
     */
    public void run(Consumer<byte[]> onData) throws IOException {
        long intervalMs = interval.toMillis();
        Thread beats = Thread.ofVirtual().name("heartbeat-send").start(this::beat);
        try {
            socket.setSoTimeout((int) intervalMs);
            FrameReader reader = new FrameReader(socket.getInputStream(), FRAMING.newDecoder());
            long lastHeard = System.nanoTime();
            while (true) {
                byte[] frame;
                try {
                    frame = reader.read();
                } catch (SocketTimeoutException quiet) {
                    long silentMs = (System.nanoTime() - lastHeard) / 1_000_000;
                    if (silentMs >= intervalMs * missed) {
                        throw new PeerSilentException(silentMs, missed, intervalMs);
                    }
                    continue;
                }
                if (frame == null) {
                    return; // the peer closed cleanly
                }
                lastHeard = System.nanoTime();
                if (frame.length > 0) {
                    onData.accept(frame);
                }
            }
        } finally {
            beats.interrupt();
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
