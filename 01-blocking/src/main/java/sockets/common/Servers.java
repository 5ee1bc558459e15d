package sockets.common;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.SocketAddress;
import java.util.concurrent.CountDownLatch;

/** What every server command does: start, announce the address really bound, serve until a signal. */
public final class Servers {
    private Servers() {
    }

    /** The one-line failure for a bind that did not work: "cannot listen on 127.0.0.1:7007: Address already in use". */
    public static BindException bindFailure(SocketAddress address, IOException cause) {
        BindException failure = new BindException("cannot listen on " + Endpoints.format(address) + ": " + cause.getMessage());
        failure.initCause(cause);
        return failure;
    }

    /**
     * Has the JDK set up its poller, what a virtual thread waits on a socket with, before the first peer can
     * arrive. The JDK does it on the first wait, once: if that first wait comes while the descriptors are all
     * in use (a flood of connections), setting up fails for good (NoClassDefFoundError: sun.nio.ch.Poller),
     * and every later connection fails with it. So a virtual thread here waits in an accept; once it is seen
     * waiting (its wait is registered with the poller by then), a connection lets it go. A timed accept alone
     * is not enough: on a busy machine its time can run out before it ever waits, and nothing is set up.
     */
    static void preparePoller() throws InterruptedException {
        java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, loopback)) {
            probe.setSoTimeout(5_000); // a bound, should the connection below never come
            Thread first = Thread.ofVirtual().name("poller-setup").start(() -> {
                try {
                    probe.accept().close();
                } catch (IOException e) {
                    // the bound, or the probe closed: nothing more to set up
                }
            });
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (first.isAlive() && first.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            }
            try (java.net.Socket release = new java.net.Socket(loopback, probe.getLocalPort())) {
                first.join(java.time.Duration.ofSeconds(5));
            } catch (IOException e) {
                // no descriptor for it: the probe's bound ends the wait instead
            }
        } catch (IOException e) {
            // no socket at all: the server's own start says why
        }
    }

    /** How long a server sends what it owes after SIGINT or SIGTERM, unless {@code --drain-ms} says otherwise. */
    public static final long DRAIN_MS = 2_000;

    /** {@link #serveUntilSignalled(Server, PrintStream, long)} with the default drain period. */
    public static int serveUntilSignalled(Server server, PrintStream out) throws IOException, InterruptedException {
        return serveUntilSignalled(server, out, DRAIN_MS);
    }

    /**
     * Starts {@code server}, prints {@code listening on HOST:PORT} as the first line of {@code out},
     * and serves until SIGINT or SIGTERM, which stop it ({@link Server#stop}): no longer accepting or
     * reading, what it owes sent for up to {@code drainMs}, what it could not send said in one line on
     * stderr, sockets closed, threads ended, no trace.
     */
    public static int serveUntilSignalled(Server server, PrintStream out, long drainMs)
            throws IOException, InterruptedException {
        preparePoller();
        SocketAddress bound = server.start();
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                String cut = server.stop(drainMs).line();
                if (cut != null) {
                    System.err.println(cut);
                    System.err.flush();
                }
            } finally {
                server.close();
                closed.countDown();
            }
        }, "shutdown"));
        out.println("listening on " + Endpoints.format(bound));
        out.flush();
        closed.await(); // the JVM exits once the hook returns: 130 for SIGINT, 143 for SIGTERM
        return Cli.OK;
    }
}
