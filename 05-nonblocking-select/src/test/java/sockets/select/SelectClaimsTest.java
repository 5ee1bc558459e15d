package sockets.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockets.common.testing.TestSockets;

/** Claims of the HOWTO's "Non-blocking Sockets" that chapter 05 shows, each where Java differs too. */
class SelectClaimsTest {

    /** select with a timeout returns empty when the time runs out; nothing is ready, nothing is lost. */
    @Test
    void aSelectWithATimeoutReturnsNothingWhenTheTimeRunsOut() throws Exception {
        try (Selector selector = Selector.open();
             ServerSocketChannel listener = ServerSocketChannel.open().bind(TestSockets.anyLoopbackPort())) {
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
            long start = System.nanoTime();
            assertEquals(0, selector.select(200), "nobody connected: nothing ready");
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waitedMs >= 150, "it waited out its timeout (about 200 ms): " + waitedMs);
            assertTrue(selector.selectedKeys().isEmpty());
        }
    }

    /**
     * Why write interest must be switched off: an idle connected socket is always writable, so a loop that
     * keeps OP_WRITE on wakes at once, every time, with nothing to do. Counted over 200 ms: thousands of
     * wake-ups with OP_WRITE on, none with OP_READ alone.
     */
    @Test
    void permanentWriteInterestSpinsTheLoopAndReadInterestAloneSleeps() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(TestSockets.anyLoopbackPort());
             SocketChannel client = SocketChannel.open(listener.getLocalAddress());
             SocketChannel served = listener.accept();
             Selector selector = Selector.open()) {
            served.configureBlocking(false);
            SelectionKey key = served.register(selector, SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            long spinsWithWrite = wakeUps(selector, 200);
            key.interestOps(SelectionKey.OP_READ);
            long spinsReadOnly = wakeUps(selector, 200);
            assertTrue(spinsWithWrite > 1_000, "with OP_WRITE on an idle socket: " + spinsWithWrite + " wake-ups");
            assertEquals(0, spinsReadOnly, "with OP_READ alone and nothing arriving: no wake-up");
            assertNotNull(client);
        }
    }

    /**
     * The same rule, kept by chapter 05's own server: after a client made it queue a reply (it sent 8 MiB and
     * read nothing until the server held bytes for it, so {@code OP_WRITE} went on) and then read it all, the
     * idle server's loop thread takes almost no CPU, where a loop that left {@code OP_WRITE} on would spin. The reference is a spinning thread measured over the same 300 ms, so a
     * busy machine slows both alike: the loop must take under a tenth of the spinner's CPU.
     */
    @Test
    void theServersLoopSleepsOnceItHasNothingToWrite() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(threads.isThreadCpuTimeSupported(), "no per-thread CPU time here");
        try (SelectorServer server = new SelectorServer(TestSockets.anyLoopbackPort(), 50, 1, Protocol.ECHO,
                SelectorServer.DEFAULT_MAX_PENDING, new sockets.framing.MemoryBudget(sockets.framing.MemoryBudget.DEFAULT),
                sockets.common.PeerLog.discard())) {
            InetSocketAddress address = (InetSocketAddress) server.start();
            java.util.List<Socket> clients = new java.util.ArrayList<>();
            try {
                Socket slow = TestSockets.connect(address);
                clients.add(slow);
                byte[] burst = new byte[8 * 1024 * 1024];
                CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                    try {
                        slow.getOutputStream().write(burst);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                // More queued than one read brings: writes came back short and replies waited, with OP_WRITE on.
                while (server.mostPendingBytes() <= 2L * SelectorServer.READ_BUFFER) { // watched, bounded
                    assertTrue(System.nanoTime() < deadline, "the server never had to queue a reply");
                    Thread.onSpinWait();
                }
                assertEquals(burst.length, slow.getInputStream().readNBytes(burst.length).length, "all echoed");
                written.get(10, TimeUnit.SECONDS);
                String name = "select-" + sockets.common.Endpoints.format(address) + "-0";
                Thread loop = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name))
                        .findFirst().orElseThrow(() -> new AssertionError("no thread named " + name));
                long loopBefore = threads.getThreadCpuTime(loop.threadId());
                CompletableFuture<Long> spinner = new CompletableFuture<>();
                Thread.ofPlatform().start(() -> {
                    long end = System.nanoTime() + 300_000_000L;
                    long spins = 0;
                    while (System.nanoTime() < end) {
                        spins++;
                    }
                    spinner.complete(threads.getCurrentThreadCpuTime() + (spins & 0));
                });
                long spinnerCpu = spinner.get(TestSockets.TIMEOUT_MS, TimeUnit.MILLISECONDS);
                long loopCpu = threads.getThreadCpuTime(loop.threadId()) - loopBefore;
                System.out.printf("over 300 ms idle: the server's loop took %,d µs of CPU, a spinning thread %,d µs%n",
                        loopCpu / 1_000, spinnerCpu / 1_000);
                assertTrue(spinnerCpu > 0 && loopCpu * 10 < spinnerCpu, "the loop took " + loopCpu / 1_000
                        + " µs of CPU while idle; a spinning thread " + spinnerCpu / 1_000 + " µs");
            } finally {
                for (Socket client : clients) {
                    client.close();
                }
            }
        }
    }

    /** Non-empty selections within {@code ms} milliseconds, each select waiting at most what is left. */
    private static long wakeUps(Selector selector, long ms) throws Exception {
        long end = System.nanoTime() + ms * 1_000_000;
        long wakeUps = 0;
        while (System.nanoTime() < end) {
            long left = Math.max(1, (end - System.nanoTime()) / 1_000_000);
            if (selector.select(left) > 0) {
                wakeUps++;
            }
            selector.selectedKeys().clear();
        }
        return wakeUps;
    }

    /** The HOWTO: a server socket in the readable set means accept will work. In Java: OP_ACCEPT. */
    @Test
    void acceptableMeansAcceptReturnsAConnectionAtOnce() throws Exception {
        try (Selector selector = Selector.open();
             ServerSocketChannel listener = ServerSocketChannel.open().bind(TestSockets.anyLoopbackPort());
             Socket client = TestSockets.connect((InetSocketAddress) listener.getLocalAddress())) {
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
            assertEquals(1, selector.select(TestSockets.TIMEOUT_MS));
            assertTrue(selector.selectedKeys().iterator().next().isAcceptable());
            try (SocketChannel accepted = listener.accept()) {
                assertNotNull(accepted, "non-blocking accept, after OP_ACCEPT, returns the connection");
            }
            assertTrue(client.isConnected());
        }
    }

    /**
     * The HOWTO's portability alert: on Unix select works on files and sockets alike; on Windows on sockets
     * only. In Java the line is drawn by type, everywhere: a {@code FileChannel} is not selectable at all,
     * while a {@code Pipe}'s channels are.
     */
    @Test
    void aFileChannelCannotBeSelectedAndAPipeCan(@TempDir Path folder) throws Exception {
        assertFalse(SelectableChannel.class.isAssignableFrom(FileChannel.class), "no FileChannel in a Selector");
        try (FileChannel file = FileChannel.open(folder.resolve("f"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            assertFalse(((Object) file) instanceof SelectableChannel);
        }
        Pipe pipe = Pipe.open();
        try (Selector selector = Selector.open(); Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            source.configureBlocking(false);
            source.register(selector, SelectionKey.OP_READ);
            sink.write(ByteBuffer.wrap(new byte[] {1}));
            assertEquals(1, selector.select(TestSockets.TIMEOUT_MS), "the pipe's read end is ready");
        }
    }

    /**
     * Set non-blocking before registering, and do not switch back while registered: Java refuses both ways
     * round (the HOWTO's "setblocking(False)" before use; and its warning not to mix modes on one socket).
     */
    @Test
    void aRegisteredChannelCannotBeSwitchedBackToBlocking() throws Exception {
        try (Selector selector = Selector.open();
             ServerSocketChannel listener = ServerSocketChannel.open().bind(TestSockets.anyLoopbackPort())) {
            assertThrows(IllegalBlockingModeException.class, () -> listener.register(selector, SelectionKey.OP_ACCEPT),
                    "a blocking channel cannot be registered");
            listener.configureBlocking(false);
            SelectionKey key = listener.register(selector, SelectionKey.OP_ACCEPT);
            assertThrows(IllegalBlockingModeException.class, () -> listener.configureBlocking(true),
                    "nor switched back while registered");
            key.cancel();
            selector.selectNow(); // the cancelled key is dropped at the next selection
            listener.configureBlocking(true); // now it may
            assertTrue(listener.isBlocking());
        }
    }

    /**
     * Polling a non-blocking socket in a loop, instead of waiting in select, burns a CPU: measured as the
     * thread's own CPU time over 300 ms of waiting for data that does not come, against a select's over the
     * same 300 ms. On an idle machine polling takes nearly all 300 ms and select well under one; on a busy one
     * polling gets only its share of a core, so the claim is the order of magnitude between the two, measured
     * side by side, not a number of milliseconds.
     */
    @Test
    void pollingInALoopBurnsACpuWhereSelectSleeps() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(threads.isCurrentThreadCpuTimeSupported(),
                "this JVM cannot measure a thread's CPU time");
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(TestSockets.anyLoopbackPort());
             SocketChannel client = SocketChannel.open(listener.getLocalAddress());
             SocketChannel served = listener.accept();
             Selector selector = Selector.open()) {
            served.configureBlocking(false);
            ByteBuffer buffer = ByteBuffer.allocate(16);
            long cpu = threads.getCurrentThreadCpuTime();
            long end = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < end) {
                assertEquals(0, served.read(buffer)); // nothing yet: ask again at once
            }
            long pollingNs = threads.getCurrentThreadCpuTime() - cpu;
            served.register(selector, SelectionKey.OP_READ);
            cpu = threads.getCurrentThreadCpuTime();
            assertEquals(0, selector.select(300));
            long selectNs = threads.getCurrentThreadCpuTime() - cpu;
            System.out.printf("waiting 300 ms for data: polling used %.1f ms of CPU, select %.2f ms%n",
                    pollingNs / 1e6, selectNs / 1e6);
            // A thread's CPU clock ticks in steps of up to a millisecond or so on some systems: select's is counted
            // as at least one step, so the ratio never rests on a reading of zero.
            long selectAtLeast = Math.max(selectNs, 1_000_000L);
            assertTrue(pollingNs >= 10 * selectAtLeast, "polling used at least ten times select's CPU: "
                    + pollingNs / 1_000_000 + " ms against " + selectNs / 1_000_000 + " ms");
            assertTrue(selectNs < 30_000_000L, "select slept: " + selectNs / 1_000_000 + " ms of CPU");
            assertNotNull(client);
        }
    }

    /**
     * A thread blocked in read while holding a lock blocks everyone else who needs that lock, for as long as
     * the peer is silent: do not hold a lock across a blocking call. (On JDK 21 to 23 a virtual thread that
     * does this inside {@code synchronized} also pins its carrier thread; JDK 24 (JEP 491) unpinned it. This
     * machine has JDK 17 and 25 only, so the pinning itself is not shown here.)
     */
    @Test
    void aLockHeldAcrossABlockingReadStallsEveryoneWhoNeedsIt() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(TestSockets.anyLoopbackPort());
             SocketChannel client = SocketChannel.open(listener.getLocalAddress());
             SocketChannel served = listener.accept()) {
            ReentrantLock lock = new ReentrantLock();
            CompletableFuture<Void> reader = new CompletableFuture<>();
            Thread holder = Thread.ofVirtual().start(() -> {
                lock.lock();
                try {
                    served.read(ByteBuffer.allocate(1)); // blocks: the client says nothing yet
                    reader.complete(null);
                } catch (java.io.IOException e) {
                    reader.completeExceptionally(e);
                } finally {
                    lock.unlock();
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!lock.isLocked()) {
                assertTrue(System.nanoTime() < deadline, "the reader took the lock");
                Thread.onSpinWait();
            }
            assertFalse(lock.tryLock(300, TimeUnit.MILLISECONDS), "anyone else waits as long as the peer is silent");
            client.write(ByteBuffer.wrap(new byte[] {1}));
            reader.get(10, TimeUnit.SECONDS);
            assertTrue(lock.tryLock(10, TimeUnit.SECONDS), "free once the read returns");
            lock.unlock();
            holder.join(TestSockets.TIMEOUT_MS);
        }
    }
    /**
     * The older HOWTO's "an app written this way can't do much of anything else": while the one select loop
     * spends 300 ms of CPU on one client's request, every other client waits. A thread per connection, on
     * this 2-core machine, answers the other client meanwhile.
     */
    @Test
    void aSelectLoopBusyWithOneClientMakesEveryOtherClientWait() throws Exception {
        long selectMs;
        CountDownLatch busy = new CountDownLatch(1);
        Protocol slowForS = peer -> new Protocol.Session() {
            @Override
            public void onData(ByteBuffer in, Protocol.Outbox out) {
                if (in.get(in.position()) == 'S') {
                    busy.countDown();
                    spin(300);
                }
                out.write(in);
            }

            @Override
            public void onEndOfStream(Protocol.Outbox out) {
                // nothing held back
            }
        };
        try (SelectorServer server = new SelectorServer(TestSockets.anyLoopbackPort(), 50, 1, slowForS,
                SelectorServer.DEFAULT_MAX_PENDING, sockets.common.PeerLog.discard())) {
            selectMs = otherClientsRoundTripMs((InetSocketAddress) server.start(), busy);
        }
        CountDownLatch threadBusy = new CountDownLatch(1);
        sockets.blocking.ConnectionHandler slow = socket -> {
            int first = socket.getInputStream().read();
            if (first == 'S') {
                threadBusy.countDown();
                spin(300);
            }
            socket.getOutputStream().write(first);
        };
        long threadMs;
        try (sockets.blocking.ThreadPerConnectionServer server = new sockets.blocking.ThreadPerConnectionServer(
                TestSockets.anyLoopbackPort(), 50, sockets.blocking.Threads.PLATFORM, slow, sockets.common.PeerLog.discard())) {
            threadMs = otherClientsRoundTripMs(server.start(), threadBusy);
        }
        System.out.println("another client's round trip while one request computes for 300 ms: select loop "
                + selectMs + " ms, thread per connection " + threadMs + " ms");
        assertTrue(selectMs >= 200, "the select loop made the other client wait: " + selectMs + " ms");
        assertTrue(threadMs < 150, "a thread per connection did not: " + threadMs + " ms");
    }

    /** Client A asks for 300 ms of work; once it is under way, client B's one-byte round trip, in ms. */
    private static long otherClientsRoundTripMs(InetSocketAddress address, CountDownLatch busy) throws Exception {
        try (Socket a = TestSockets.connect(address); Socket b = TestSockets.connect(address)) {
            a.getOutputStream().write('S');
            assertTrue(busy.await(10, TimeUnit.SECONDS), "the work began");
            long start = System.nanoTime();
            b.getOutputStream().write('b');
            assertEquals('b', b.getInputStream().read());
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals('S', a.getInputStream().read());
            return ms;
        }
    }

    private static void spin(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait(); // CPU work standing in for a request's computation
        }
    }
}
