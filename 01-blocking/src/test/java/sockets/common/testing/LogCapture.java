package sockets.common.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import sockets.common.PeerLog;

/** A server's stderr, captured, so a test can wait for its lines instead of guessing when they are written. */
public final class LogCapture {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Semaphore lines = new Semaphore(0);
    private final PrintStream stream = new PrintStream(new OutputStream() {
        @Override
        public void write(int b) {
            synchronized (bytes) {
                bytes.write(b);
            }
            if (b == '\n') {
                lines.release();
            }
        }
    }, true, StandardCharsets.UTF_8);

    public PrintStream stream() {
        return stream;
    }

    public PeerLog log() {
        return new PeerLog(stream);
    }

    /** Waits (at most 10 s) until at least {@code n} lines have been written; returns all lines so far. */
    public List<String> awaitLines(int n) throws InterruptedException {
        if (!lines.tryAcquire(n, 10, TimeUnit.SECONDS)) {
            fail("expected " + n + " log lines within 10 s, got: " + text());
        }
        lines.release(n);
        return text().lines().toList();
    }

    public String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
