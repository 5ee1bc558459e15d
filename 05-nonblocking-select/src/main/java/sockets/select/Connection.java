package sockets.select;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * One client of a {@link SelectorServer}: its channel, its protocol session, and the output it is owed. Only
 * its loop's thread touches it. The first pass is {@link #ready}, {@link #read}, {@link #write}, {@link #flush},
 * {@link #updateInterest} and {@link #close}; the stop ({@link #stopReading}, {@link #finish}) can wait.
 */
final class Connection implements Protocol.Outbox {
    private static final ByteBuffer[] NO_BUFFERS = new ByteBuffer[0];

    /** The server: its settings, its budget, its counters, and whether it is stopping. */
    private final SelectorServer server;
    /** The loop that serves this connection; its read buffer is lent to {@link #unreadBytes}. */
    private final SelectLoop loop;
    /** The client's channel, non-blocking. */
    private final SocketChannel channel;
    /** Who the client is, for the log. */
    final SocketAddress peer;
    /** What the client's bytes mean: handed every read, it puts its replies in this connection (the outbox). */
    private final Protocol.Session session;
    /** Output not yet written, in chunks in read mode (position to limit is still to send); added by {@link #write}, emptied by {@link #flush}. */
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    /** This connection's registration with its loop's selector; set by the loop once registered. */
    SelectionKey key;
    /** What {@link #pending} costs in memory (capacities plus overhead), drawn from the server's budget. */
    long pendingCost;
    /** The client half-closed (a read returned -1): finish writing, then close. */
    private boolean inputEnded;
    /** Closed: every later call does nothing. */
    private boolean closed;
    /** Not reading until the server's budget has room (each read could add a whole buffer); set here, cleared by the loop or {@link #updateInterest}. */
    boolean pausedForBudget;

    Connection(SelectorServer server, SelectLoop loop, SocketChannel channel, SocketAddress peer,
               Protocol.Session session) {
        this.server = server;
        this.loop = loop;
        this.channel = channel;
        this.peer = peer;
        this.session = session;
    }

    /**
     * Serves one readiness: read if readable, then write what is owed. While the budget is spent, the budget
     * is checked before every read, not once a round (in one round a thousand ready clients could each add a
     * buffer's worth past the limit): a client still owed replies does not read until the budget has room or
     * its queue is sent (paused, nothing lost); a client owed nothing reads (so that frames half arrived can
     * be refused and their memory freed), but if the reply to that read does not fit in its socket's buffer
     * either, it has left everything sent before unread: it is closed at once, and the overshoot of the
     * budget is one read.
     */
    void ready(SelectionKey key, ByteBuffer buffer) {
        try {
            boolean spent = server.budget.exhausted();
            boolean readWhileSpent = false;
            if (key.isReadable() && !server.draining) {
                if (spent && pendingCost > 0) {
                    if (!pausedForBudget) {
                        pausedForBudget = true;
                        loop.pausedForBudget.add(this);
                    }
                } else {
                    read(buffer);
                    readWhileSpent = spent;
                }
            }
            flush();
            if (readWhileSpent && !closed && pendingCost > 0) {
                server.log.event(peer, "closed: not reading, its socket's buffer full and " + pendingCost
                        + " bytes of replies unsent while the server's memory budget (" + server.budget.limit()
                        + " bytes) is spent");
                close();
            }
        } catch (IOException e) {
            try {
                if (!server.closing) {
                    server.log.fault(peer, e);
                }
            } catch (RuntimeException | Error noLine) {
                // no memory for the line: the connection still ends, alone
            }
            close();
        } catch (RuntimeException | Error e) {
            // A bug or a shortage (OutOfMemoryError) while serving this client: it ends, the loop goes on.
            try {
                server.log.event(peer, "handler failed: " + e);
            } catch (RuntimeException | Error noLine) {
                // as above
            }
            close();
        }
    }

    /** Reads what has come (never blocks: 0 bytes means nothing yet) and hands it to the protocol. */
    private void read(ByteBuffer buffer) throws IOException {
        buffer.clear();
        int n = channel.read(buffer);
        if (n == -1) {
            inputEnded = true;
            session.onEndOfStream(this);
        } else if (n > 0) {
            session.onData(buffer.flip(), this);
        }
    }

    /** Queues a copy of {@code data}: into the last chunk's free space first, then into a new chunk. */
    @Override
    public void write(ByteBuffer data) {
        ByteBuffer tail = pending.peekLast();
        if (tail != null && tail.limit() < tail.capacity() && data.hasRemaining()) {
            int n = Math.min(tail.capacity() - tail.limit(), data.remaining());
            int end = tail.limit();
            tail.limit(end + n);
            tail.put(end, data, data.position(), n);
            data.position(data.position() + n);
        }
        if (data.hasRemaining()) {
            // Into an empty queue, exactly what is needed: the usual reply leaves with the next flush. Once
            // output accumulates (a client slower than its replies), whole chunks, so small ones pack together.
            int size = pending.isEmpty() ? data.remaining() : Math.max(SelectorServer.CHUNK, data.remaining());
            ByteBuffer chunk = ByteBuffer.allocate(size);
            chunk.put(data).flip();
            pending.add(chunk);
            long cost = chunk.capacity() + SelectorServer.CHUNK_OVERHEAD;
            pendingCost += cost;
            server.budget.reserve(cost); // committed: a reply is never dropped, so reading stops instead
            server.mostPending.accumulateAndGet(pendingCost, Math::max);
        }
    }

    /**
     * Writes what the socket takes now; keeps the rest, with write interest, for when it can take more.
     * All queued chunks go in one gathering write: written one by one, a reply's header and payload would
     * leave as two segments, and Nagle's algorithm would hold the second until the first is acknowledged.
     */
    private void flush() throws IOException {
        if (!pending.isEmpty()) {
            if (pending.size() == 1) {
                channel.write(pending.peek()); // the usual case: may write less than asked, or nothing
            } else {
                channel.write(pending.toArray(NO_BUFFERS));
            }
            while (!pending.isEmpty() && !pending.peek().hasRemaining()) {
                release(pending.poll()); // what is left, if anything, waits for OP_WRITE
            }
        }
        if (pending.isEmpty() && inputEnded) {
            channel.shutdownOutput(); // the client half-closed and has everything: say we are done too
            close();
            return;
        }
        if (pending.isEmpty() && server.draining) {
            finish(); // stopping, and all it was owed is sent
            return;
        }
        updateInterest();
    }

    /** What to wait for: input unless it ended, is held back, or the budget is spent; output while some waits. */
    void updateInterest() {
        if (closed || !key.isValid()) {
            return;
        }
        if (pending.isEmpty()) {
            pausedForBudget = false; // it owes nothing now: it may read (the loop's list forgets it later)
        }
        int ops = 0;
        if (!inputEnded && pendingCost < server.settings.maxPending() && !pausedForBudget && !server.draining) {
            ops |= SelectionKey.OP_READ; // backpressure: stop reading a client that does not read
        }
        if (!pending.isEmpty()) {
            ops |= SelectionKey.OP_WRITE; // only while something waits: a free socket is always writable
        }
        key.interestOps(ops);
    }

    private void release(ByteBuffer chunk) {
        long cost = chunk.capacity() + SelectorServer.CHUNK_OVERHEAD;
        pendingCost -= cost;
        server.budget.release(cost);
    }

    /** Closes the channel (which cancels its key), gives its queue's memory back, and tells the protocol. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // already broken; closing is all that was asked
        }
        for (ByteBuffer chunk : pending) {
            release(chunk);
        }
        pending.clear();
        session.onClose();
        if (key != null) {
            key.attach(null);
            server.open.decrementAndGet();
            server.admitted.decrementAndGet();
        }
    }

    // Second pass: the stop.

    /** Stopping: no more reading; one owed nothing ends now, the others as their queues empty. */
    void stopReading() {
        if (closed) {
            return;
        }
        if (pending.isEmpty()) {
            finish();
        } else {
            updateInterest();
        }
    }

    /**
     * Ends this connection while stopping: in order if nothing is owed either way, else with a reset,
     * counted with what was owed: replies unsent, the client's bytes unread or in a frame begun.
     */
    void finish() {
        if (closed) {
            return;
        }
        long owed = session.holding() + unreadBytes();
        for (ByteBuffer chunk : pending) {
            owed += chunk.remaining();
        }
        if (owed > 0) {
            server.cutConnections.incrementAndGet();
            server.cutBytes.addAndGet(owed);
        }
        try {
            if (owed == 0) {
                channel.shutdownOutput(); // everything it sent was answered: an orderly end is the truth
            } else if (channel.supportedOptions().contains(StandardSocketOptions.SO_LINGER)) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0); // close() now resets
            }
            // A Unix domain socket has no SO_LINGER: closing it with bytes unread resets its peer's reads
            // (ECONNRESET on Linux); replies unsent alone end as end of stream there, counted all the same.
        } catch (IOException e) {
            // broken already: closing is what is left
        }
        close();
    }

    /** What the client sent that the kernel took and nobody read: read now, counted, discarded (bounded). */
    private long unreadBytes() {
        if (inputEnded) {
            return 0;
        }
        ByteBuffer scratch = loop.buffer;
        long unread = 0;
        try {
            for (int i = 0; i < 1_024; i++) {
                scratch.clear();
                int n = channel.read(scratch);
                if (n <= 0) {
                    break;
                }
                unread += n;
            }
        } catch (IOException e) {
            // broken: what was counted is what we know
        }
        return unread;
    }
}
