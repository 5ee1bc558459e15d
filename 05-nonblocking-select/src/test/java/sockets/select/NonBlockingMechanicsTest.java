package sockets.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import sockets.common.testing.TestSockets;

/**
 * The HOWTO: in non-blocking mode "send, recv, connect and accept can return without having done
 * anything". Each, observed on real loopback sockets; and what a selector does with a dead channel.
 */
class NonBlockingMechanicsTest {

    private static ServerSocketChannel listen() throws IOException {
        return ServerSocketChannel.open().bind(TestSockets.anyLoopbackPort());
    }

    @Test
    void aNonBlockingReadWithNothingAvailableReturnsZero() throws IOException {
        try (ServerSocketChannel listener = listen();
             SocketChannel client = SocketChannel.open(listener.getLocalAddress());
             SocketChannel served = listener.accept()) {
            served.configureBlocking(false);
            assertEquals(0, served.read(ByteBuffer.allocate(16)), "nothing has come: 0, not a wait, not -1");
        }
    }

    @Test
    void aNonBlockingWriteTakesFewerBytesThanAskedOnceTheBuffersAreFull() throws IOException {
        try (ServerSocketChannel listener = listen();
             SocketChannel client = SocketChannel.open(listener.getLocalAddress());
             SocketChannel idle = listener.accept()) {
            client.configureBlocking(false);
            ByteBuffer big = ByteBuffer.allocate(8 * 1024 * 1024);
            int written = client.write(big);
            assertTrue(written > 0 && written < big.capacity(), "wrote " + written + " of " + big.capacity());
        }
    }

    @Test
    void aNonBlockingAcceptWithNoPendingConnectionReturnsNull() throws IOException {
        try (ServerSocketChannel listener = listen()) {
            listener.configureBlocking(false);
            assertNull(listener.accept());
        }
    }

    /** connect() starts the handshake and returns false; OP_CONNECT says when finishConnect() can complete it. */
    @Test
    void aNonBlockingConnectReturnsFalseAndCompletesThroughOpConnect() throws IOException {
        try (ServerSocketChannel listener = listen();
             SocketChannel client = SocketChannel.open();
             Selector selector = Selector.open()) {
            client.configureBlocking(false);
            boolean connectedAtOnce = client.connect(listener.getLocalAddress());
            if (!connectedAtOnce) {
                assertTrue(client.isConnectionPending());
                client.register(selector, SelectionKey.OP_CONNECT);
                assertEquals(1, selector.select(TestSockets.TIMEOUT_MS), "OP_CONNECT became ready");
                assertTrue(client.finishConnect());
            }
            assertFalse(connectedAtOnce, "on Linux even a loopback connect is not complete on return");
            assertTrue(client.isConnected());
        }
    }

    @Test
    void aSelectorRefusesABlockingChannel() throws IOException {
        try (ServerSocketChannel listener = listen(); Selector selector = Selector.open()) {
            assertThrows(IllegalBlockingModeException.class, () -> listener.register(selector, SelectionKey.OP_ACCEPT));
        }
    }

    /**
     * The HOWTO's other use of select with blocking sockets: "determining whether the other end is done, or
     * just busy with something else". A peer that is busy (connected, silent) leaves its socket unreadable
     * for the whole wait; a peer that is done (closed) makes it readable at once, and the read says -1. Java
     * wants the channel non-blocking in the selector, so the socket is switched for the question and back.
     */
    @Test
    void readinessTellsAPeerThatIsDoneFromOneThatIsJustBusy() throws IOException {
        try (ServerSocketChannel listener = listen();
             SocketChannel busy = SocketChannel.open(listener.getLocalAddress());
             SocketChannel busyServed = listener.accept();
             SocketChannel done = SocketChannel.open(listener.getLocalAddress());
             SocketChannel doneServed = listener.accept()) {
            doneServed.close(); // this peer is done; busyServed says nothing, as a peer busy computing would
            assertEquals(0, readyWithin(busy, 200), "busy: nothing to read for the whole 200 ms");
            assertEquals(1, readyWithin(done, TestSockets.TIMEOUT_MS), "done: readable at once");
            assertEquals(-1, done.read(ByteBuffer.allocate(1)), "and the read says it is over");
            assertTrue(busy.isBlocking() && busyServed.isOpen(), "both sockets blocking again, the busy one open");
        }
    }

    /**
     * The HOWTO: readable means a recv will return something, writable means a send will send something. On
     * a non-blocking channel: after OP_READ the read returns bytes (not 0); after OP_WRITE the write takes
     * bytes (not 0). And one socket may sit in both lists at once: in Java, one key with both interests,
     * whose ready set says both.
     */
    @Test
    void readableMeansAReadGetsSomethingAndWritableMeansAWriteTakesSomething() throws IOException {
        try (ServerSocketChannel listener = listen();
             SocketChannel client = SocketChannel.open(listener.getLocalAddress());
             SocketChannel served = listener.accept();
             Selector selector = Selector.open()) {
            served.configureBlocking(false);
            SelectionKey key = served.register(selector, SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            client.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TestSockets.TIMEOUT_MS);
            while (key.readyOps() != (SelectionKey.OP_READ | SelectionKey.OP_WRITE) && System.nanoTime() < deadline) {
                selector.select(100); // the bytes on their way: until both are ready, bounded
            }
            assertTrue(key.isReadable() && key.isWritable(), "one channel in both sets: ready " + key.readyOps());
            assertTrue(served.read(ByteBuffer.allocate(16)) > 0, "readable: the read got something");
            assertTrue(served.write(ByteBuffer.wrap(new byte[] {4})) > 0, "writable: the write took something");
        }
    }

    /** Asks a blocking channel, once, whether it will have something to read within {@code ms}. */
    private static int readyWithin(SocketChannel channel, long ms) throws IOException {
        try (Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            int ready = selector.select(ms);
            key.cancel();
            selector.selectNow(); // the cancelled key is dropped: the channel may be blocking again
            channel.configureBlocking(true);
            return ready;
        }
    }

    /**
     * The older HOWTO's "dead socket in select's lists": in Java, closing a registered channel cancels its
     * key, and the next select drops it; select itself never fails. Only touching the cancelled key does.
     */
    @Test
    void aChannelClosedWhileRegisteredIsDroppedAndOnlyItsKeyComplains() throws IOException {
        try (ServerSocketChannel listener = listen();
             SocketChannel client = SocketChannel.open(listener.getLocalAddress());
             SocketChannel served = listener.accept();
             Selector selector = Selector.open()) {
            served.configureBlocking(false);
            SelectionKey key = served.register(selector, SelectionKey.OP_READ);
            served.close();
            assertFalse(key.isValid());
            assertThrows(CancelledKeyException.class, () -> key.interestOps(SelectionKey.OP_WRITE));
            assertEquals(0, selector.selectNow(), "select goes on; the dead channel is simply gone");
            assertTrue(selector.keys().isEmpty());
        }
    }

    /** A peer's reset makes its channel readable; the read then throws, for that channel only. */
    @Test
    void aResetPeerShowsAsReadableAndItsReadThrows() throws IOException {
        try (ServerSocketChannel listener = listen();
             SocketChannel client = SocketChannel.open(listener.getLocalAddress());
             SocketChannel served = listener.accept();
             Selector selector = Selector.open()) {
            served.configureBlocking(false);
            served.register(selector, SelectionKey.OP_READ);
            client.setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
            client.close();
            assertEquals(1, selector.select(TestSockets.TIMEOUT_MS));
            IOException reset = assertThrows(IOException.class, () -> served.read(ByteBuffer.allocate(16)));
            assertTrue(reset.getMessage().contains("reset"), reset.getMessage());
        }
    }

}
