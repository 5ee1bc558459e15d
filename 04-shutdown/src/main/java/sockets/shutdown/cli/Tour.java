package sockets.shutdown.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.blocking.Clients;
import sockets.common.HostPort;
import sockets.common.Narration;
import sockets.common.PeerLog;
import sockets.shutdown.DigestClient;
import sockets.shutdown.DigestHandler;
import sockets.shutdown.FaultyRelay;
import sockets.shutdown.HeartbeatHandler;
import sockets.shutdown.HeartbeatSession;
import sockets.shutdown.PeerSilentException;

/** The chapter in one process: a half-close exchange, a reset, a read timeout, a heartbeat finding silence. */
final class Tour extends Narration {
    private static final int TIMEOUT_MS = 5_000;

    private final InetSocketAddress anyPort = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private final PeerLog quiet = PeerLog.discard();

    Tour(PrintStream out) {
        super(out);
    }

    int run() throws Exception {
        out.println("Chapter 04: disconnecting, and sockets that die");
        aHalfCloseEndsTheRequest();
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            aResetFailsThePeersRead(listener);
            aReadTimeoutLeavesTheSocketUsable(listener);
        }
        aHeartbeatFindsASilentPeer();
        return done("Next: chapter 05, one thread for many sockets.");
    }

    /** shutdownOutput() marks the end of the request with no length sent, and the reply still comes back. */
    private void aHalfCloseEndsTheRequest() throws Exception {
        step(1, "Half-close: the client sends its request, then shutdownOutput(): \"done sending, still listening\".");
        try (ThreadPerConnectionServer server = new ThreadPerConnectionServer(anyPort, 5, Threads.VIRTUAL,
                new DigestHandler(DigestHandler.DEFAULT_MAX), quiet)) {
            byte[] request = "the whole request, with no length anywhere".getBytes(StandardCharsets.US_ASCII);
            DigestClient.Result result = DigestClient.exchange(server.start(), new ByteArrayInputStream(request),
                    TIMEOUT_MS);
            say("sent %d bytes and half-closed; the server read to end of stream and replied:", request.length);
            say("\"%s\" (%s)", result.reply(), result.matches() ? "count and SHA-256 match what was sent" : "MISMATCH");
        }
    }

    /** A close with linger 0 aborts the connection, and the peer's read fails instead of seeing end of stream. */
    private void aResetFailsThePeersRead(ServerSocket listener) throws Exception {
        step(2, "A reset: close() with linger 0 sends RST instead of FIN, and the peer's read fails.");
        try (Socket client = Clients.connect((InetSocketAddress) listener.getLocalSocketAddress(), TIMEOUT_MS);
             Socket served = listener.accept()) {
            served.setSoLinger(true, 0);
            served.close();
            try {
                say("client's read: %d", client.getInputStream().read());
            } catch (SocketException e) {
                say("client's read threw %s: \"%s\" (not -1: nothing ended cleanly)", e.getClass().getSimpleName(),
                        e.getMessage());
            }
        }
    }

    /** A read timeout gives up on one read only: the connection is still there for the next. */
    private void aReadTimeoutLeavesTheSocketUsable(ServerSocket listener) throws Exception {
        step(3, "A read timeout: SO_TIMEOUT bounds a read on a silent peer, and the socket stays usable.");
        try (Socket client = Clients.connect((InetSocketAddress) listener.getLocalSocketAddress(), TIMEOUT_MS);
             Socket served = listener.accept()) {
            client.setSoTimeout(300);
            long start = System.nanoTime();
            try {
                client.getInputStream().read();
            } catch (SocketTimeoutException e) {
                say("read gave up after %d ms (SO_TIMEOUT 300 ms): %s", (System.nanoTime() - start) / 1_000_000,
                        e.getMessage());
            }
            served.getOutputStream().write(42);
            say("then the peer spoke, and the same socket read: %d", client.getInputStream().read());
        }
    }

    /** A path that goes quiet closes nothing, so TCP sees no fault; only a heartbeat notices the silence. */
    private void aHeartbeatFindsASilentPeer() throws Exception {
        step(4, "A heartbeat finds a peer gone silent: a relay in between stops forwarding, closing nothing.");
        Duration interval = Duration.ofMillis(200);
        try (ThreadPerConnectionServer server = new ThreadPerConnectionServer(anyPort, 5, Threads.VIRTUAL,
                new HeartbeatHandler(interval, 3), quiet);
             ThreadPerConnectionServer relay = new ThreadPerConnectionServer(anyPort, 5, Threads.VIRTUAL,
                     new FaultyRelay(new HostPort("127.0.0.1", server.start().getPort()),
                             FaultyRelay.Faults.NONE.pausingAfter(40), TIMEOUT_MS, Threads.VIRTUAL), quiet);
             Socket socket = Clients.connect(relay.start(), TIMEOUT_MS)) {
            long start = System.nanoTime();
            try {
                new HeartbeatSession(socket, interval, 3).run(data -> { });
                say("the session ended without a fault (unexpected)");
            } catch (PeerSilentException e) {
                say("after %d ms: %s", (System.nanoTime() - start) / 1_000_000, e.getMessage());
                say("without the heartbeat, this read would have waited forever: TCP saw nothing wrong");
            }
        }
    }
}
