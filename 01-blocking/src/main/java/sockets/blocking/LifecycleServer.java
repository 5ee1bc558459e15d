package sockets.blocking;

import java.util.concurrent.CountDownLatch;

/**
 * The part of a {@link Server} every server here shares: {@link #close()} stops it once (later calls do
 * nothing), {@link #awaitClosed()} waits for that, and {@link #closing()} tells the serving threads that
 * an error they see now is the server's own doing, not a peer's.
 */
public abstract class LifecycleServer implements Server {
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean closing;

    /** True once {@link #close()} has begun. */
    protected final boolean closing() {
        return closing;
    }

    /** Releases everything the server holds: called once, by the first {@link #close()}. */
    protected abstract void stop();

    @Override
    public final void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public final void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            stop();
        } finally {
            closed.countDown();
        }
    }
}
