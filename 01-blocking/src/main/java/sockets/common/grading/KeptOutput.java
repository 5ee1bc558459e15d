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

    private static final int TAIL = 4096;

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    /** The last {@value #TAIL} bytes, wherever the stream is: what a program said last before it died. */
    private final byte[] tail = new byte[TAIL];
    private long total;
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
                    int skipped = Math.max(0, n - TAIL);
                    total += skipped;
                    for (int i = skipped; i < n; i++) {
                        tail[(int) (total++ % TAIL)] = buffer[i];
                    }
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

    /** The last {@code n} non-blank lines written so far (from the last 4 KiB), oldest first. */
    java.util.List<String> lastLines(int n) {
        String text;
        synchronized (kept) {
            int size = (int) Math.min(total, TAIL);
            byte[] last = new byte[size];
            for (int i = 0; i < size; i++) {
                last[i] = tail[(int) ((total - size + i) % TAIL)];
            }
            text = new String(last, StandardCharsets.UTF_8);
        }
        java.util.List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    /** What was kept so far, as text. */
    String text() {
        synchronized (kept) {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
