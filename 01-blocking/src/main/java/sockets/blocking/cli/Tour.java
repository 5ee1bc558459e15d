package sockets.blocking.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import sockets.blocking.EchoHandler;
import sockets.blocking.Relay;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.blocking.Clients;
import sockets.common.Endpoints;
import sockets.common.HostPort;
import sockets.common.Narration;
import sockets.common.PeerLog;

/** The chapter in one process: each idea of "Creating a Socket" and "Using a Socket", run and narrated. */
final class Tour extends Narration {
    private static final int TIMEOUT_MS = 5_000;
    private static final int VIRTUAL_CLIENTS = 1_000;

    private final InetAddress loopback = InetAddress.getLoopbackAddress();

    Tour(PrintStream out) {
        super(out);
    }

    int run() throws Exception {
        out.println("Chapter 01: blocking sockets");
        try (ServerSocket listener = new ServerSocket()) {
            step(1, "A server socket: bind to an address and port, then listen.");
            listener.bind(new InetSocketAddress(loopback, 0), 5);
            say("bound and listening on %s (port 0 asked the kernel for a free port; backlog 5)",
                    Endpoints.format(listener.getLocalSocketAddress()));

            step(2, "Clients connect before anyone calls accept(): the kernel completes the handshake and queues them.");
            try (Socket a = Clients.connect(local(listener), TIMEOUT_MS);
                 Socket b = Clients.connect(local(listener), TIMEOUT_MS)) {
                say("client A connected from %s, client B from %s; accept() has not been called yet",
                        Endpoints.format(a.getLocalSocketAddress()), Endpoints.format(b.getLocalSocketAddress()));

                step(3, "accept() takes each off the queue as a new socket; the listening socket carries no data.");
                try (Socket servedA = listener.accept(); Socket servedB = listener.accept()) {
                    say("accepted: local %s, remote %s", Endpoints.format(servedA.getLocalSocketAddress()),
                            Endpoints.format(servedA.getRemoteSocketAddress()));
                    say("accepted: local %s, remote %s", Endpoints.format(servedB.getLocalSocketAddress()),
                            Endpoints.format(servedB.getRemoteSocketAddress()));
                    say("same local port on both: a connection is named by both ends, not by the server's port");

                    step(4, "read() returns -1 once the peer has closed, and keeps returning -1.");
                    a.close();
                    InputStream in = servedA.getInputStream();
                    say("after client A closed: read() = %d, and again: read() = %d", in.read(), in.read());
                }
            }
        }
        piecesThroughTheRelay();
        threadPerConnection(Threads.PLATFORM, 3);
        threadPerConnection(Threads.VIRTUAL, VIRTUAL_CLIENTS);
        return done("Next: chapter 02, where messages get boundaries.");
    }

    private void piecesThroughTheRelay() throws Exception {
        step(5, "A message can arrive in pieces: 14 bytes sent in one write, through a relay forwarding 3 bytes at a time.");
        PeerLog quiet = PeerLog.discard();
        try (ServerSocket target = new ServerSocket(0, 5, loopback);
             ThreadPerConnectionServer relay = new ThreadPerConnectionServer(new InetSocketAddress(loopback, 0), 5,
                     Threads.VIRTUAL, new Relay(new HostPort(loopback.getHostAddress(), target.getLocalPort()),
                     new Relay.Faults(3, 10), TIMEOUT_MS, Threads.VIRTUAL), quiet)) {
            InetSocketAddress relayAddress = relay.start();
            try (Socket client = Clients.connect(relayAddress, TIMEOUT_MS); Socket served = target.accept()) {
                served.setSoTimeout(TIMEOUT_MS);
                client.getOutputStream().write("hello, sockets".getBytes(StandardCharsets.US_ASCII));
                client.shutdownOutput();
                InputStream in = served.getInputStream();
                List<Integer> reads = new ArrayList<>();
                byte[] buffer = new byte[64];
                int n;
                while ((n = in.read(buffer)) != -1) {
                    reads.add(n);
                }
                say("the receiver's read() calls returned %s bytes, then -1", reads);
                say("so never take one read() as one message: loop until you have all (InputStream.readNBytes)");
            }
        }
    }

    private void threadPerConnection(Threads threads, int clients) throws Exception {
        step(threads == Threads.PLATFORM ? 6 : 7, String.format(
                "Thread per connection, %s threads: the echo server serving %,d clients at once.",
                threads.name().toLowerCase(), clients));
        try (ThreadPerConnectionServer server = new ThreadPerConnectionServer(new InetSocketAddress(loopback, 0),
                clients, threads, new EchoHandler(), PeerLog.stderr())) {
            InetSocketAddress address = server.start();
            CountDownLatch allConnected = new CountDownLatch(clients);
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    byte[] message = ("client " + i + " says hello\n").getBytes(StandardCharsets.US_ASCII);
                    results.add(pool.submit(() -> echoOnceAllConnected(address, message, allConnected)));
                }
                int ok = 0;
                for (Future<Boolean> result : results) {
                    ok += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                say("%,d of %,d clients got their own bytes back, all connected at once, in %,d ms", ok, clients, ms);
            }
        }
    }

    private static boolean echoOnceAllConnected(InetSocketAddress address, byte[] message, CountDownLatch all)
            throws IOException, InterruptedException {
        try (Socket socket = Clients.connect(address, TIMEOUT_MS)) {
            all.countDown();
            if (!all.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                return false;
            }
            socket.getOutputStream().write(message);
            return java.util.Arrays.equals(message, socket.getInputStream().readNBytes(message.length));
        }
    }

    private static InetSocketAddress local(ServerSocket listener) {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }
}
