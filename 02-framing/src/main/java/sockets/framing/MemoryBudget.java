package sockets.framing;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory a whole server may hold for its peers at once: the frames still arriving and, in a
 * non-blocking server, the replies not yet written. A limit per frame is not enough: a thousand peers
 * may each start a frame just under it. Every connection draws from this one budget as its bytes
 * really arrive, and gives back what it held when the frame is delivered or the connection ends.
 * Thread-safe: connections on many threads share it.
 */
public final class MemoryBudget {
    /** The default for a server on a large heap: 64 MiB, a thousand connections' worth of 64 KiB frames. */
    public static final long DEFAULT = 64L * 1024 * 1024;

    /**
     * The most a server's budget may be: a quarter of the heap. The budget counts payload bytes; the heap
     * also holds the connections themselves, the replies being built and the collector's room, and a JVM
     * whose heap is full cannot even run its SIGTERM handler.
     */
    public static long heapShare() {
        return Math.max(1, Runtime.getRuntime().maxMemory() / 4);
    }

    /** A server's default: {@link #DEFAULT}, or {@link #heapShare()} if that is less (16 MiB under -Xmx64m). */
    public static long serverDefault() {
        return Math.min(DEFAULT, heapShare());
    }

    private final long limit;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong mostHeld = new AtomicLong();

    public MemoryBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a memory budget must be at least 1 byte, not " + limit);
        }
        this.limit = limit;
    }

    /** No limit: for a decoder used on its own, outside a server. */
    public static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE);
    }

    /** Takes {@code bytes} if they fit under the limit; false (and nothing taken) if they do not. */
    public boolean tryReserve(long bytes) {
        long now;
        do {
            now = held.get();
            if (now + bytes > limit) {
                return false;
            }
        } while (!held.compareAndSet(now, now + bytes));
        mostHeld.accumulateAndGet(now + bytes, Math::max);
        return true;
    }

    /**
     * Takes {@code bytes} whether they fit or not: for memory already committed, such as a reply that
     * must not be lost. The caller keeps the overshoot small by not reading while {@link #exhausted()}.
     */
    public void reserve(long bytes) {
        mostHeld.accumulateAndGet(held.addAndGet(bytes), Math::max);
    }

    public void release(long bytes) {
        held.addAndGet(-bytes);
    }

    /** True once the bytes held reach the limit. */
    public boolean exhausted() {
        return held.get() >= limit;
    }

    public long limit() {
        return limit;
    }

    public long held() {
        return held.get();
    }

    /** The most ever held at once: what a test compares with the limit. */
    public long mostHeld() {
        return mostHeld.get();
    }

    @Override
    public String toString() {
        return held.get() + " of " + limit + " bytes";
    }
}
