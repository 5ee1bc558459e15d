package sockets.blocking;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sockets.blocking.grading.EchoChecks;
import sockets.common.grading.Peer;
import sockets.common.testing.TestSockets;

/**
 * What every echo server (RFC 862) in this repository must do, whatever its I/O style: threads
 * (chapter 01), a selector (05), another address family (07), or a student's own. Subclass it,
 * start the server in {@link #startServer()}, and every test here runs against it. The checks themselves
 * are {@link EchoChecks}, the same ones {@code grade echo-server} runs against a program in any language.
 */
@Timeout(value = 15, unit = TimeUnit.SECONDS) // a server or decoder of yours that hangs fails in seconds, not the default 60
public abstract class EchoServerContract {
    private static final int CHUNK = 4096;

    protected SocketAddress address;

    /** Starts the server under test on a free port and returns where clients connect. */
    protected abstract SocketAddress startServer() throws Exception;

    /** Stops the server started by {@link #startServer()}. */
    protected abstract void stopServer() throws Exception;

    /** How many clients the server must serve at the same time. */
    protected abstract int concurrentClients();

    /** Opens a client connection to the server; TCP unless a subclass says otherwise. */
    protected Peer connect() throws IOException {
        return Peer.tcp((InetSocketAddress) address, TestSockets.TIMEOUT_MS);
    }

    @BeforeEach
    final void start() throws Exception {
        address = startServer();
    }

    @AfterEach
    final void stop() throws Exception {
        stopServer();
    }

    /** How clients show the program in a reproduce hint. */
    private String at() {
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() + " " + inet.getPort()
                : String.valueOf(address);
    }

    @Test
    void echoesEveryByteItReceives() throws Exception {
        EchoChecks.echoesEveryByte(this::connect, at());
    }

    @Test
    void afterAHalfCloseEchoesTheRestThenEndsTheStream() throws Exception {
        EchoChecks.halfClose(this::connect, at());
    }

    @Test
    void aClientThatSendsNothingGetsEndOfStream() throws Exception {
        EchoChecks.nothingSent(this::connect, at());
    }

    @Test
    void echoesALargeStreamIntactWhileTheClientReadsAtTheSameTime() throws Exception {
        EchoChecks.largeStream(this::connect);
    }

    /**
     * All clients connect, each sends a first half and waits until every client has its first half
     * back before sending the second. A server that served one client at a time could never get
     * past the first, so this passes only if the server really serves them all at once.
     */
    @Test
    void servesManyClientsAtOnceEachGettingItsOwnBytes() throws Exception {
        EchoChecks.manyClientsAtOnce(this::connect, concurrentClients(), at());
    }

    @Test
    void aClientVanishingMidStreamDisturbsNoOther() throws Exception {
        EchoChecks.vanishingClient(this::connect);
    }
}
