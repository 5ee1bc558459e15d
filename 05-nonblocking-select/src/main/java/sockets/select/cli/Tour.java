package sockets.select.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import sockets.blocking.EchoHandler;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.common.Narration;
import sockets.common.PeerLog;
import sockets.select.LoadGenerator;
import sockets.select.Protocol;
import sockets.select.SelectorServer;

/** The chapter in one process: calls that return having done nothing, the select loop, backpressure. */
final class Tour extends Narration {
    private final InetSocketAddress anyPort = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private final PeerLog quiet = PeerLog.discard();

    Tour(PrintStream out) {
        super(out);
    }

    int run() throws Exception {
        out.println("Chapter 05: non-blocking sockets and select");
        nonBlockingCallsReturnAtOnce();
        oneSelectorServesAThousandClients();
        aThreadPerConnectionServesTheSame();
        backpressureHoldsBackAClientThatNeverReads();
        return done("Next: chapter 06, datagrams.");
    }

    /** In non-blocking mode accept, connect, read and write return at once, having done what they could. */
    private void nonBlockingCallsReturnAtOnce() throws Exception {
        step(1, "In non-blocking mode, calls return at once, having done what they could: maybe nothing.");
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(anyPort);
             Selector selector = Selector.open()) {
            listener.configureBlocking(false);
            say("accept() with nobody connecting:         %s", listener.accept());
            try (SocketChannel client = SocketChannel.open()) {
                client.configureBlocking(false);
                say("connect() to the listener:                %s (the handshake is under way)",
                        client.connect(listener.getLocalAddress()));
                client.register(selector, SelectionKey.OP_CONNECT);
                selector.select(5_000);
                say("select() reports OP_CONNECT; finishConnect(): %s", client.finishConnect());
                try (SocketChannel served = listener.accept()) {
                    served.configureBlocking(false);
                    say("read() with nothing sent:                 %d bytes (not -1: the peer is just quiet)",
                            served.read(ByteBuffer.allocate(16)));
                    ByteBuffer big = ByteBuffer.allocate(8 * 1024 * 1024);
                    say("write() of 8 MiB to a peer not reading:   %,d bytes taken; the rest must wait", client.write(big));
                }
            }
        }
    }

    /** A thousand clients served by one thread that waits on a Selector instead of on any one socket. */
    private void oneSelectorServesAThousandClients() throws Exception {
        step(2, "One thread, one Selector, 1,000 clients: the select loop serving them all.");
        try (SelectorServer server = new SelectorServer(anyPort, 1024, 1, Protocol.ECHO,
                SelectorServer.DEFAULT_MAX_PENDING, quiet)) {
            LoadGenerator.Report report = load((InetSocketAddress) server.start(), 1_000, 20);
            say("%s", report.format().replace("\n", "\n   "));
            say("the server used one thread for all of them");
        }
    }

    /** The same load on chapter 01's design, to set beside the selector's numbers. */
    private void aThreadPerConnectionServesTheSame() throws Exception {
        step(3, "The same clients against chapter 01's server: one virtual thread per connection.");
        try (ThreadPerConnectionServer server = new ThreadPerConnectionServer(anyPort, 1024, Threads.VIRTUAL,
                new EchoHandler(), quiet)) {
            LoadGenerator.Report report = load(server.start(), 1_000, 20);
            say("%s", report.format().replace("\n", "\n   "));
            say("one short run each on a busy 2-core machine settles nothing; measure side by side before you choose");
        }
    }

    /** A client that never reads: the server stops reading it instead of buffering without limit. */
    private void backpressureHoldsBackAClientThatNeverReads() throws Exception {
        step(4, "Backpressure: a client that sends and never reads.");
        try (SelectorServer server = new SelectorServer(anyPort, 50, 1, Protocol.ECHO, 64 * 1024, quiet);
             SocketChannel hog = SocketChannel.open(server.start())) {
            hog.configureBlocking(false);
            long sent = 0;
            int stalls = 0;
            for (int i = 0; i < 2_000 && stalls < 200; i++) {
                int n = hog.write(ByteBuffer.allocate(64 * 1024));
                sent += n;
                stalls = n == 0 ? stalls + 1 : 0;
            }
            say("it got %,d bytes in before the server stopped reading it; the server held at most %,d bytes for it",
                    sent, server.mostPendingBytes());
            say("(limit 65,536 + one 65,536-byte read); the rest waits in the kernel's buffers and the client's");
        }
    }

    private static LoadGenerator.Report load(InetSocketAddress target, int connections, int messages) throws Exception {
        return LoadGenerator.run(new LoadGenerator.Settings(target, connections, messages, 64, Duration.ZERO, null, null));
    }
}
