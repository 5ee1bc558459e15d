package sockets.select;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import sockets.common.Endpoints;
import sockets.common.PeerLog;

/**
 * One select loop: a {@link Selector} and the thread that runs it, serving its connections. {@link #run} and
 * {@link #turn} are the README's pseudo-code: select, then accept, read and write what is ready; a
 * {@link Connection} does the reading, writing and closing. Below the line "Second pass": the limits, the
 * stop and the hand-over between loops.
 */
final class SelectLoop implements Runnable {
    /** The server: its listener, settings, budget, counters, and whether it is stopping. */
    private final SelectorServer server;
    /** Which channels this loop waits on. Only this loop's thread selects on it; others only wake it up. */
    final Selector selector;
    /** Connections the first loop accepted for this one; added by the first loop, taken by this one. */
    final Queue<SocketChannel> handedOver = new ConcurrentLinkedQueue<>();
    /** Where every read of this loop lands, one connection at a time: one buffer per loop, not per connection. */
    final ByteBuffer buffer = ByteBuffer.allocateDirect(SelectorServer.READ_BUFFER);
    /** The thread running this loop; set by the server's start. */
    Thread thread;
    /** Connections that stopped reading while the budget was spent, to read again once it is not. */
    final List<Connection> pausedForBudget = new ArrayList<>();
    /** Stopping began in this loop: every connection was told to stop reading. */
    private boolean drainStarted;
    /** The listener's key while accepting is paused (after a failure, or at the limit); null while accepting. */
    private SelectionKey acceptKey;
    /** When to try accepting again (System.nanoTime), while {@link #acceptKey} is set. */
    private long acceptResumesAt;
    /** Accepts failed since the last one that worked: the first is logged, the rest counted. */
    private long acceptFailures;

    SelectLoop(SelectorServer server, Selector selector) {
        this.server = server;
        this.selector = selector;
    }

    /** Turns until the server closes, or until a stop has finished every connection; then closes what is left. */
    @Override
    public void run() {
        try {
            while (!server.closing) {
                try {
                    if (turn()) {
                        return; // every connection finished, or cut at the deadline
                    }
                } catch (RuntimeException | Error e) {
                    // Outside any one connection (a line being built when the heap is full, say): this turn
                    // ends and the loop goes on. A loop that died would leave its clients unserved for good.
                    pauseAfterError();
                }
            }
        } catch (IOException e) {
            server.log.server(server.bound, "selector failed: " + PeerLog.describe(e)); // nothing to retry
        } finally {
            closeEverything();
        }
    }

    /** One turn of the loop: wait for readiness, then serve what is ready. True once a drain is over. */
    private boolean turn() throws IOException {
        if (server.draining) {
            if (drain()) {
                return true;
            }
        } else {
            select();
        }
        registerHandedOver();
        if (server.budget.exhausted()) {
            closeClientsNotReading();
        }
        resumeReading();
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
            SelectionKey key = ready.next();
            ready.remove();
            serve(key);
        }
        return false;
    }

    /** Waits until a channel is ready; or, while something is paused, until it is time to look again. */
    private void select() throws IOException {
        if (acceptKey == null && pausedForBudget.isEmpty()) {
            selector.select();
        } else if (acceptKey == null) {
            // memory may be given back by another loop, which cannot wake this one: look again soon
            selector.select(SelectorServer.BUDGET_RECHECK_MS);
        } else {
            // accepting is paused: wake up when it is time to try again
            selector.select(Math.max(1, (acceptResumesAt - System.nanoTime()) / 1_000_000));
            resumeAccepting();
        }
    }

    /** Accepts, or reads and writes for one connection; a failure there ends that connection, no other. */
    private void serve(SelectionKey key) {
        if (!key.isValid()) {
            return; // closed earlier in this round: touching it would throw CancelledKeyException
        }
        try {
            if (key.isAcceptable()) {
                accept(key);
            } else {
                ((Connection) key.attachment()).ready(key, buffer);
            }
        } catch (RuntimeException | Error e) {
            // escaped a connection's own handling (its line could not be built): it ends, no other
            if (key.attachment() instanceof Connection connection) {
                try {
                    connection.close();
                } catch (RuntimeException | Error again) {
                    SelectorServer.closeQuietly(key.channel());
                }
            }
        }
    }

    /** Accepts the clients waiting (at most a few per turn) and deals them out to the loops in turn. */
    private void accept(SelectionKey key) {
        for (int i = 0; i < SelectorServer.ACCEPTS_PER_TURN; i++) {
            SocketChannel channel;
            try {
                channel = server.listener.accept();
            } catch (IOException | Error e) {
                pauseAccepting(key, e); // out of file descriptors, say: the others are still served meanwhile
                return;
            }
            if (channel == null) {
                return; // nobody else is waiting
            }
            if (server.admitted.incrementAndGet() >= server.settings.maxConnections()) {
                pauseAtLimit(key); // this one is served; the next wait in the backlog
            }
            if (acceptFailures > 0) {
                server.log.server(server.bound, "accepting again after " + acceptFailures + " failed attempts");
                acceptFailures = 0;
            }
            SelectLoop target = server.nextLoop();
            if (target == this) {
                register(channel);
            } else {
                target.handedOver.add(channel);
                target.selector.wakeup();
            }
            if (acceptKey != null) {
                return; // at the limit: no more this turn
            }
        }
    }

    /** Takes a new connection into this loop, reading; one that fails here (reset already, say) is closed. */
    private void register(SocketChannel channel) {
        SocketAddress peer = null;
        try {
            channel.configureBlocking(false);
            peer = Endpoints.peerName(channel.getRemoteAddress(), server.bound, server.accepted.incrementAndGet());
            Connection connection = new Connection(server, this, channel, peer, server.protocol.open(peer));
            connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
            server.open.incrementAndGet();
            if (drainStarted) {
                connection.stopReading(); // accepted before the stop, handed over after it
            }
        } catch (IOException | RuntimeException | Error e) {
            if (peer != null && !server.closing) {
                server.log.event(peer, "not served: " + PeerLog.describe(e));
            }
            SelectorServer.closeQuietly(channel);
            server.admitted.decrementAndGet();
        }
    }

    // Second pass: the limits, the stop, the hand-over between loops.

    /** Waits a little, allocating nothing, after a turn that failed: the shortage may pass. */
    private void pauseAfterError() {
        try {
            Thread.sleep(SelectorServer.BUDGET_RECHECK_MS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            // the next turn tries again
        }
    }

    /** At the limit: no {@code OP_ACCEPT} until connections end; said once a burst. */
    private void pauseAtLimit(SelectionKey key) {
        if (server.limited.compareAndSet(false, true)) {
            server.log.server(server.bound, "at --max-connections " + server.settings.maxConnections()
                    + ": new clients wait in the backlog until connections end");
        }
        key.interestOps(0);
        acceptKey = key;
        acceptResumesAt = System.nanoTime() + SelectorServer.ACCEPT_RETRY_MS * 1_000_000;
    }

    /**
     * Stops asking for {@code OP_ACCEPT} for a moment. The listener stays readable while the fault lasts,
     * so asking at once would spin this loop; the first failure of a burst is logged, the rest counted.
     */
    private void pauseAccepting(SelectionKey key, Throwable e) {
        if (acceptFailures++ == 0) {
            server.log.server(server.bound, "accept failed: " + PeerLog.describe(e) + "; retrying every "
                    + SelectorServer.ACCEPT_RETRY_MS + " ms, quietly, until it works");
        }
        key.interestOps(0);
        acceptKey = key;
        acceptResumesAt = System.nanoTime() + SelectorServer.ACCEPT_RETRY_MS * 1_000_000;
    }

    private void resumeAccepting() {
        int limit = server.settings.maxConnections();
        if (server.limited.get()) {
            // At the limit: looked at again every ACCEPT_RETRY_MS; accepting again once a quarter is free.
            if (server.admitted.get() > limit - Math.max(1, limit / 4)) {
                acceptResumesAt = System.nanoTime() + SelectorServer.ACCEPT_RETRY_MS * 1_000_000;
                return;
            }
            server.limited.set(false);
            server.log.server(server.bound, "below --max-connections again: " + server.admitted.get()
                    + " connections");
            acceptResumesAt = System.nanoTime();
        }
        if (System.nanoTime() - acceptResumesAt >= 0) {
            if (acceptKey.isValid()) {
                acceptKey.interestOps(SelectionKey.OP_ACCEPT);
            }
            acceptKey = null;
        }
    }

    /** The budget has room again: the connections paused for it read again (those not at their own limit). */
    private void resumeReading() {
        if (pausedForBudget.isEmpty() || server.budget.exhausted()) {
            return;
        }
        for (Connection c : pausedForBudget) {
            if (c.pausedForBudget) {
                c.pausedForBudget = false;
                c.updateInterest();
            }
        }
        pausedForBudget.clear();
    }

    /**
     * The budget is spent: close this loop's clients that stopped reading (those at their backpressure
     * limit), the largest queue first, until it is not. Clients still reading keep their connections.
     */
    private void closeClientsNotReading() {
        List<Connection> stalled = new ArrayList<>();
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection c && c.pendingCost >= server.settings.maxPending()) {
                stalled.add(c);
            }
        }
        stalled.sort(Comparator.comparingLong((Connection c) -> c.pendingCost).reversed());
        for (Connection c : stalled) {
            if (!server.budget.exhausted()) {
                return;
            }
            server.log.event(c.peer, "closed: not reading, " + c.pendingCost + " bytes of replies unsent while the"
                    + " server's memory budget (" + server.budget.limit() + " bytes) is spent");
            c.close();
        }
    }

    /**
     * One turn of stopping: on the first, every connection stops reading (and one owed nothing ends
     * now); then waits for writes until the deadline. Returns true when nothing is left to wait for: every
     * connection has ended, in order or, past the deadline, with a reset.
     */
    private boolean drain() throws IOException {
        registerHandedOver();
        if (!drainStarted) {
            drainStarted = true;
            for (SelectionKey key : List.copyOf(selector.keys())) {
                if (key.attachment() instanceof Connection c) {
                    c.stopReading();
                }
            }
        }
        long left = server.drainDeadline - System.nanoTime();
        boolean anyLeft = selector.keys().stream().anyMatch(k -> k.isValid() && k.attachment() instanceof Connection);
        if (!anyLeft) {
            return true;
        }
        if (left <= 0) {
            for (SelectionKey key : List.copyOf(selector.keys())) {
                if (key.attachment() instanceof Connection c) {
                    c.finish();
                }
            }
            return true;
        }
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        return false;
    }

    /** Registers the connections another loop accepted for this one. */
    private void registerHandedOver() {
        SocketChannel channel;
        while ((channel = handedOver.poll()) != null) {
            register(channel);
        }
    }

    /** The loop has ended: its connections close, those handed over and not yet taken too, then its selector. */
    private void closeEverything() {
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection connection) {
                connection.close();
            }
        }
        SocketChannel waiting;
        while ((waiting = handedOver.poll()) != null) {
            SelectorServer.closeQuietly(waiting);
            server.admitted.decrementAndGet();
        }
        SelectorServer.closeQuietly(selector);
    }
}
