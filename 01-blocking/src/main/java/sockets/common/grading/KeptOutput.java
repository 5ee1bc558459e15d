package sockets.common.grading;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * What a graded program writes on one of its streams: read to its end on a virtual thread of its own, so
 * the program never blocks on a full pipe, and kept up to a bound (the rest is read and dropped), so a
 * program that floods its output costs the grader no more than that.
 */
final class KeptOutput {
    static final int KEEP = 64 * 1024;

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final Thread reader;

    KeptOutput(InputStream in) {
        reader = Thread.ofVirtual().start(() -> drain(in));
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                synchronized (kept) {
                    kept.write(buffer, 0, Math.min(n, Math.max(0, KEEP - kept.size())));
                }
            }
        } catch (IOException e) {
            // the program is gone: what was kept is kept
        }
    }

    /** Waits up to {@code millis} for the stream to end (a child the program left could hold it open). */
    void awaitEnd(long millis) throws InterruptedException {
        reader.join(millis);
    }

    /** What was kept so far, as text. */
    String text() {
        synchronized (kept) {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
