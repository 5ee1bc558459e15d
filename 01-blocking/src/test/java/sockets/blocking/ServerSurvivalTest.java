package sockets.blocking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import sockets.blocking.cli.Main;
import sockets.common.Endpoints;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.FdExhaustion;
import sockets.common.testing.LogCapture;
import sockets.common.testing.TestSockets;

/** No peer and no shortage stops chapter 01's server for good. */
class ServerSurvivalTest {

    /** One round trip on a new connection: the proof that a server serves. */
    static void assertEchoes(InetSocketAddress address) throws IOException {
        try (Socket socket = TestSockets.connect(address)) {
            byte[] hello = "still here?".getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(hello);
            assertArrayEquals(hello, socket.getInputStream().readNBytes(hello.length));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void afterRunningOutOfFileDescriptorsTheServerLogsOnceAndServesAgainByItself() throws Exception {
        FdExhaustion.assumeAvailable();
        try (ChapterProcess server = FdExhaustion.start(Main.class, "echo-server", "--port", "0");
             FdExhaustion flood = new FdExhaustion()) {
            InetSocketAddress address = server.awaitListening();
            String failed = flood.floodUntilAcceptFails(server, address);
            assertTrue(failed.startsWith("server " + Endpoints.format(address) + ": accept failed: "), failed);
            // A window in which the old loop logged every 50 ms: 20 lines. Once per burst means one.
            long windowEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < windowEnd) {
                Thread.onSpinWait();
            }
            flood.close();
            assertEchoes(address);
            FdExhaustion.awaitEveryBurstEnded(server);
            server.terminate();
            ChapterProcess.Result result = server.awaitExit();
            long attempts = FdExhaustion.assertLoggedOncePerBurst(result);
            // The window held about 20 attempts (one every 50 ms), which the old loop logged one line each. How
            // many a busy machine lets the server make is its business; more than one is what makes a line per
            // burst differ from a line per attempt.
            assertTrue(attempts >= 2, "attempts counted: " + attempts + "\n" + result.stderr());
            result.assertNoStackTrace();
        }
    }

    /**
     * The JDK sets up the poller its virtual threads wait on sockets with at the first wait, once; set up
     * during a flood that took every descriptor, it fails for good and every later connection with it (seen
     * here once: "NoClassDefFoundError: Could not initialize class sun.nio.ch.Poller" for each peer after).
     * So a server has it set up before it says it listens: its poller thread is there before any peer came.
     */
    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "reads the server's thread names from /proc; the server does the"
            + " same on every OS")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void thePollerIsSetUpBeforeTheFirstPeerCanArrive() throws Exception {
        try (ChapterProcess server = ChapterProcess.start(Main.class, "echo-server", "--port", "0")) {
            server.awaitListening();
            java.util.List<String> threads = new java.util.ArrayList<>();
            try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc", String.valueOf(server.pid()), "task"))) {
                for (java.nio.file.Path task : tasks.toList()) {
                    threads.add(java.nio.file.Files.readString(task.resolve("comm")).strip());
                }
            }
            // JDK 21 names them Read-Poller and Write-Poller; later JDKs, MasterPoller and its helpers.
            assertTrue(threads.stream().anyMatch(name -> name.contains("Poller")), "the server's threads: " + threads);
        }
    }

    @Test
    void anErrorWhileServingOneClientEndsThatClientOnly() throws Exception {
        LogCapture log = new LogCapture();
        ConnectionHandler fragile = socket -> {
            InputStream in = socket.getInputStream();
            int first = in.read();
            if (first == 'X') {
                throw new StackOverflowError("simulated: a handler ran out of stack");
            }
            socket.getOutputStream().write(first);
            in.transferTo(socket.getOutputStream());
        };
        try (ThreadPerConnectionServer server = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 50,
                Threads.VIRTUAL, fragile, log.log())) {
            InetSocketAddress address = server.start();
            try (Socket doomed = TestSockets.connect(address)) {
                doomed.getOutputStream().write('X');
                assertEquals(-1, doomed.getInputStream().read(), "the failed client's connection is closed");
                String line = log.awaitLines(1).get(0);
                assertTrue(line.startsWith("peer " + Endpoints.format(doomed.getLocalSocketAddress())
                        + ": handler failed: java.lang.StackOverflowError"), line);
            }
            assertEchoes(address);
        }
    }
}
