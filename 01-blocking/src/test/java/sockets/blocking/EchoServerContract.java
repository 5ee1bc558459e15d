package sockets.blocking;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import sockets.blocking.grading.EchoChecks;
import sockets.blocking.grading.EchoTargets;
import sockets.common.grading.Peer;
import sockets.common.grading.Target;
import sockets.common.testing.GradedChecks;
import sockets.common.testing.TestSockets;

/**
 * What every echo server (RFC 862) in this repository must do, whatever its I/O style: threads
 * (chapter 01), a selector (05), another address family (07), or a student's own. Subclass it,
 * start the server in {@link #startServer()}, and every test here runs against it. The checks themselves
 * are {@link EchoChecks}, the same ones {@code grade echo-server} runs against a program in any language.
 */
// A subclass's own tests that hang fail in seconds, not the default 60; the grader's checks below are bounded
// each by the grader's runner (GradedChecks.BOUND_MS), as grade bounds them.
@Timeout(value = 15, unit = TimeUnit.SECONDS)
public abstract class EchoServerContract {
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

    /**
     * The checks of the target {@code grade} grades for this kind of server: chapter 01's {@code echo-server},
     * unless a subclass grades another ({@code uds-echo-server}).
     */
    protected Target target() {
        return EchoTargets.echoServer(concurrentClients());
    }

    /**
     * Every check {@code grade} runs, from the same target, run one after the other against one server, as the
     * grader runs them: a check added to the grader is a test here. Among them, "serves N clients at once":
     * all clients connect, each sends a first half and waits until every client has its first half back before
     * sending the second, so a server that served one client at a time could never get past the first.
     */
    @TestFactory
    Stream<DynamicTest> everyCheckTheGraderRuns() {
        return GradedChecks.asTests(target(), address, this::connect);
    }
}
