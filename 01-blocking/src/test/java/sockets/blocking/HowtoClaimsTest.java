package sockets.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;
import sockets.common.PortConverter;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.SocketTable;
import sockets.common.testing.TestSockets;

/** Claims of the HOWTO and of the introduction that chapter 01 shows. */
class HowtoClaimsTest {

    /**
     * Both ends are peers; who speaks first is the protocol's decision, not the socket's. Two programs that
     * both wait to read wait for ever: each read ends only by its timeout, with nothing read.
     */
    @Test
    void twoPeersThatBothWaitToReadDeadlockUntilTheirTimeout() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, TestSockets.loopback());
             Socket client = TestSockets.connect((InetSocketAddress) listener.getLocalSocketAddress());
             Socket served = listener.accept()) {
            client.setSoTimeout(300);
            served.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> served.getInputStream().read(), "the server waits");
            assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read(), "so does the client");
        }
    }

    /** RFC 862 echo: the client speaks first; the server says nothing until it has something to echo. */
    @Test
    void anEchoServerWaitsForItsClientToSpeakFirst() throws Exception {
        try (ThreadPerConnectionServer echo = SocketBasicsTest.echoServer(TestSockets.anyLoopbackPort());
             Socket client = TestSockets.connect(echo.start())) {
            client.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read(), "silence until spoken to");
            client.getOutputStream().write('x');
            client.setSoTimeout(TestSockets.TIMEOUT_MS);
            assertEquals('x', client.getInputStream().read());
        }
    }

    /**
     * The introduction's {@code netstat -an}, from the kernel's own table: a listening socket is LISTEN, a
     * connection is ESTABLISHED on both sides, and after a close the side that closed first is in TIME_WAIT.
     */
    @Test
    void theKernelsSocketTableShowsListenEstablishedAndTimeWaitOnTheSideThatClosedFirst() throws Exception {
        SocketTable.assumeAvailable();
        try (ServerSocket listener = new ServerSocket(0, 5, TestSockets.loopback())) {
            InetSocketAddress server = (InetSocketAddress) listener.getLocalSocketAddress();
            assertEquals("LISTEN", SocketTable.stateOf(server, new InetSocketAddress("0.0.0.0", 0)));
            InetSocketAddress client;
            try (Socket socket = TestSockets.connect(server); Socket served = listener.accept()) {
                client = (InetSocketAddress) socket.getLocalSocketAddress();
                assertEquals("ESTABLISHED", SocketTable.stateOf(client, server), "the client's side");
                assertEquals("ESTABLISHED", SocketTable.stateOf(server, client), "the server's side");
                served.close(); // the server closes first this time
                assertEquals(-1, socket.getInputStream().read());
            }
            assertEquals("TIME-WAIT", SocketTable.stateOf(server, client), "the side that closed first waits");
            String clientSide = SocketTable.stateOf(client, server);
            assertTrue(clientSide == null || !clientSide.equals("TIME-WAIT"), "not the other side: " + clientSide);
        }
    }

    /**
     * When a conversation ends, the client's port is the kernel's to hand out again, unless the client
     * closed first: then its side of the connection waits in TIME_WAIT, and the same port cannot be bound
     * (Linux, without {@code SO_REUSEADDR}) until it is over, 60 s later.
     */
    @Test
    void aClientsPortIsFreeAgainOnceTheConversationEndsUnlessItClosedFirst() throws Exception {
        SocketTable.assumeAvailable();
        try (ServerSocket listener = new ServerSocket(0, 5, TestSockets.loopback())) {
            InetSocketAddress server = (InetSocketAddress) listener.getLocalSocketAddress();
            InetSocketAddress client;
            try (Socket socket = TestSockets.connect(server); Socket served = listener.accept()) {
                client = (InetSocketAddress) socket.getLocalSocketAddress();
                served.close(); // the server closes first
                assertEquals(-1, socket.getInputStream().read());
            }
            // The client's side leaves the kernel's table once its last ACK is in (a state watched, bounded): the
            // port is free for the kernel to hand out again (binding it here would race with the other tests'
            // connects, which may take it at once); the four numbers wait on the server's side instead.
            awaitGone(client, server);
            assertEquals("TIME-WAIT", SocketTable.stateOf(server, client), "the side that closed first holds the pair");
            try (Socket socket = TestSockets.connect(server); Socket served = listener.accept()) {
                client = (InetSocketAddress) socket.getLocalSocketAddress();
                socket.close(); // this time the client closes first
                assertEquals(-1, served.getInputStream().read());
            }
            InetSocketAddress held = client;
            String state = SocketTable.stateOf(held, server);
            assertTrue("TIME-WAIT".equals(state) || "FIN-WAIT-2".equals(state), "the client's side: " + state);
            assertThrows(java.net.BindException.class, () -> {
                try (Socket again = new Socket()) {
                    again.bind(held);
                }
            }, "the port of a client that closed first is held");
        }
    }

    /** Until the kernel's table has no row for this pair any more (bounded: 5 s). */
    private static void awaitGone(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (SocketTable.stateOf(local, remote) != null) {
            assertTrue(System.nanoTime() < deadline, "still in the table: " + SocketTable.stateOf(local, remote));
            Thread.onSpinWait();
        }
    }

    /**
     * The HOWTO's backlog of 5, "the normal max", is from another age: Linux takes the backlog asked for, up
     * to {@code net.core.somaxconn} (4096 on current kernels), and quietly caps the rest. Read back with
     * {@code ss}, which shows a listening socket's backlog in its Send-Q column.
     */
    @Test
    void theKernelTakesTheBacklogAskedForUpToSomaxconn() throws Exception {
        Path somaxconn = Path.of("/proc/sys/net/core/somaxconn");
        assumeTrue(Files.isReadable(somaxconn), "somaxconn is Linux's (macOS: kern.ipc.somaxconn, 128 by default)");
        assumeTrue(runs("ss", "-V"), "ss (iproute2) is needed to read a listening socket's backlog");
        int cap;
        try (java.io.InputStream in = Files.newInputStream(somaxconn)) { // a /proc file: its size says 0
            cap = Integer.parseInt(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim());
        }
        try (ServerSocket five = new ServerSocket(0, 5, TestSockets.loopback());
             ServerSocket million = new ServerSocket(0, 1_000_000, TestSockets.loopback())) {
            assertEquals(5, backlog(five));
            assertEquals(Math.min(1_000_000, cap), backlog(million), "capped at somaxconn, " + cap);
            System.out.printf("backlog asked 5: %d; asked 1,000,000: %d (somaxconn %d)%n", backlog(five),
                    backlog(million), cap);
        }
    }

    private static int backlog(ServerSocket listener) throws Exception {
        Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + listener.getLocalPort())
                .redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(ss.waitFor(10, TimeUnit.SECONDS), "ss did not end");
        String[] fields = out.trim().split("\\s+");
        assertTrue(fields.length >= 4 && fields[0].equals("LISTEN"), "ss said: " + out);
        return Integer.parseInt(fields[2]);
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The HOWTO: low port numbers are reserved for well-known services. On Linux a process that is not root
     * (nor has CAP_NET_BIND_SERVICE) cannot bind below {@code net.ipv4.ip_unprivileged_port_start}, 1024 by
     * default. Shown with a child JVM run as user nobody; as root the same bind works. macOS has dropped the
     * rule since 10.14 for binding to any address; Windows never had it.
     */
    @Test
    void aProcessThatIsNotRootCannotBindALowPort(@TempDir Path folder) throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the reserved-port rule shown is Linux's");
        // readAllLines, not readString: on this procfs file (size 0) JDK 25's readString returned "1" for "1024"
        int start = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start")).get(0).trim());
        assumeTrue(start > 1, "this machine lets every user bind every port (ip_unprivileged_port_start is " + start + ")");
        assumeTrue(ChapterProcess.isRoot(), "needs root, to run the same bind once as root and once as nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is needed to drop to nobody");
        int port = freeLowPort(start);
        Path source = folder.resolve("Bind.java");
        Files.writeString(source, """
                public class Bind {
                    public static void main(String[] args) throws Exception {
                        try (var socket = new java.net.ServerSocket()) {
                            socket.bind(new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])));
                            System.out.println("bound");
                        } catch (java.io.IOException e) {
                            System.out.println("refused: " + e.getMessage());
                        }
                    }
                }
                """);
        folder.toFile().setReadable(true, false);
        folder.toFile().setExecutable(true, false);
        source.toFile().setReadable(true, false);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertEquals("bound", run(List.of(java, source.toString(), String.valueOf(port))), "as root");
        String asNobody = run(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                java, source.toString(), String.valueOf(port)));
        assertTrue(asNobody.startsWith("refused: Permission denied"), "as nobody: " + asNobody);
    }


    /** A port below {@code start} that nothing holds now on 127.0.0.1. */
    private static int freeLowPort(int start) {
        for (int port = start - 1; port > 0; port--) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(TestSockets.loopback(), port));
                return port;
            } catch (IOException busy) {
                // held by something else: try the next one down
            }
        }
        throw new AssertionError("no free port below " + start);
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child finished");
        return new String(process.getInputStream().readAllBytes()).strip();
    }

    /**
     * The introduction's address forms, and what Java makes of each: Python's {@code ''} (any address) is
     * Java's wildcard, {@code new InetSocketAddress(port)}, while {@code getByName("")} is loopback;
     * {@code '<broadcast>'} is not a name Java knows (say 255.255.255.255); a host name resolves; an
     * address given as one integer is accepted in its dotted form's stead; a service name for a port is
     * not accepted (Java has no getservbyname): ports are numbers.
     */
    @Test
    void theIntroductionsAddressFormsAsJavaTakesThem() throws Exception {
        assertTrue(new InetSocketAddress(7).getAddress().isAnyLocalAddress(), "'' is the wildcard: a port alone");
        assertTrue(InetAddress.getByName("").isLoopbackAddress(), "but an empty host name is loopback in Java");
        assertThrows(UnknownHostException.class, () -> InetAddress.getByName("<broadcast>"));
        assertEquals("255.255.255.255", InetAddress.getByName("255.255.255.255").getHostAddress());
        assertTrue(InetAddress.getByName("localhost").isLoopbackAddress(), "a host name resolves");
        assertEquals("127.0.0.1", InetAddress.getByName("2130706433").getHostAddress(), "one integer, 127 << 24 | 1");
        assertEquals("127.0.0.1", InetAddress.getByAddress(new byte[] {127, 0, 0, 1}).getHostAddress());
        TypeConversionException service = assertThrows(TypeConversionException.class,
                () -> new PortConverter().convert("echo"));
        assertTrue(service.getMessage().contains("'echo'"), service.getMessage());
    }
}
