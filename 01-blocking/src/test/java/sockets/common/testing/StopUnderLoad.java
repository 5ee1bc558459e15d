package sockets.common.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIGTERM to a server (a separate process) while clients stream through it: no client may lose bytes
 * silently. The clients speak anything that echoes a stream of lines byte for byte (an echo server, a
 * frame server with line framing). Half of them stream: each writes 2 MiB of lines while it reads, and the
 * server is stopped once every one of those writes has returned (the bytes are in the kernels' buffers, or
 * the server's hands, on their way back); the other half sent one line, had it echoed, and wait. Each client records how its connection ended: an orderly end of stream, or an error
 * (a reset) on its read or its write. The proof:
 * <ul>
 * <li>a client whose connection ended in order, with no error on either side, got back every byte it sent:
 *     an orderly end is the server saying "all answered";</li>
 * <li>the server's line {@code stopped: N connections cut ...} counts at least the clients reset on their
 *     read and at most the clients told by an error (a reset reaches whichever of the read and the write
 *     asks first, and a client ended in order that writes on is reset then), and there is no line when it
 *     cut none;</li>
 * <li>the server exits 143, without a stack trace.</li>
 * </ul>
 */
public final class StopUnderLoad {
    private static final Pattern CUT = Pattern.compile("stopped: (\\d+) connections? cut");
    private static final byte[] LINE = "a line the server owes back to its client, byte for byte\n".getBytes();
    /** What each streaming client writes. */
    private static final int BURST = 2 * 1024 * 1024;

    /** How one client's connection ended. */
    record Ending(boolean streaming, long sent, long received, boolean readReset, boolean writeFailed, boolean echoIntact) {
        boolean told() {
            return readReset || writeFailed;
        }
    }

    private StopUnderLoad() {
    }

    /** What a stop did: the clients whose connection ended in order, each with every byte echoed, and the cut. */
    public record Outcome(int clients, int waitingEndedInOrder, int streamingEndedInOrder, int cut) {
    }

    /** Runs the proof against {@code server}, already listening at {@code address}, with {@code clients} clients. */
    public static Outcome prove(ChapterProcess server, InetSocketAddress address, int clients) throws Exception {
        CountDownLatch ready = new CountDownLatch(clients + clients / 2 + clients % 2); // connected, then bursts written
        List<Future<Ending>> endings = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                boolean streaming = i % 2 == 0; // clients / 2 + clients % 2 of them
                endings.add(pool.submit(() -> client(address, streaming, ready)));
            }
            assertTrue(ready.await(60, TimeUnit.SECONDS), "every client connected and had its first line echoed");
            server.terminate();
            ChapterProcess.Result stopped = server.awaitExit(60);
            int reset = 0;
            int told = 0;
            int waitingOrderly = 0;
            int streamingOrderly = 0;
            for (Future<Ending> future : endings) {
                Ending ending = future.get(60, TimeUnit.SECONDS);
                assertTrue(ending.echoIntact(), "what came back is what was sent, in order");
                told += ending.told() ? 1 : 0;
                if (!ending.told()) {
                    if (ending.streaming()) {
                        streamingOrderly++;
                    } else {
                        waitingOrderly++;
                    }
                    assertEquals(ending.sent(), ending.received(), "a connection ended in order got back every byte"
                            + " it sent (else the loss was silent): " + ending);
                }
                reset += ending.readReset() ? 1 : 0;
            }
            Matcher cut = CUT.matcher(stopped.stderr());
            int said = cut.find() ? Integer.parseInt(cut.group(1)) : 0;
            System.out.printf("stop under load: %d clients, %d waiting and %d streaming ended in order with everything"
                    + " echoed, %d reset on their read, %d told by an error; the server said: %s%n", clients,
                    waitingOrderly, streamingOrderly, reset, told, said == 0 ? "nothing cut" : cut.group());
            assertTrue(reset <= said && said <= told, "the server's count of connections cut (" + said + ") lies between"
                    + " the clients reset on their read (" + reset + ") and those told by any error (" + told + "):\n"
                    + stopped.stderr());
            assertEquals(143, stopped.exitCode(), stopped.stderr());
            stopped.assertNoStackTrace();
            return new Outcome(clients, waitingOrderly, streamingOrderly, said);
        }
    }

    /**
     * One client: its first line echoed, then (streaming) lines written as fast as the server takes them while
     * a second thread reads, or (waiting) nothing more, reading until the end.
     */
    private static Ending client(InetSocketAddress address, boolean streaming, CountDownLatch ready) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(address, TestSockets.TIMEOUT_MS);
            socket.setSoTimeout(30_000); // a bound for a hang: the server's stop ends every connection far sooner
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(LINE);
            byte[] first = in.readNBytes(LINE.length);
            assertArrayEquals(LINE, first, "the first line echoed");
            long[] sent = {LINE.length};
            boolean[] writeFailed = {false};
            Thread writer = null;
            if (streaming) {
                writer = Thread.ofVirtual().start(() -> {
                    try {
                        byte[] lines = new byte[LINE.length * 64];
                        for (int k = 0; k < 64; k++) {
                            System.arraycopy(LINE, 0, lines, k * LINE.length, LINE.length);
                        }
                        for (int i = 0; i < BURST / lines.length; i++) {
                            out.write(lines);
                            sent[0] += lines.length;
                        }
                        ready.countDown(); // the whole burst is written: the server now owes it back
                        return;
                    } catch (IOException e) {
                        writeFailed[0] = true; // reset, or the connection closed under a write: either way, told
                    }
                });
            }
            ready.countDown();
            long received = LINE.length;
            boolean readReset = false;
            boolean intact = true;
            byte[] buffer = new byte[64 * 1024];
            try {
                for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                    for (int k = 0; k < n; k++) {
                        intact &= buffer[k] == LINE[(int) ((received + k) % LINE.length)];
                    }
                    received += n;
                }
            } catch (IOException e) {
                readReset = true;
            }
            if (writer != null) {
                // The server has closed: our writes fail within moments (a reset, a broken pipe).
                writer.join(java.time.Duration.ofSeconds(30));
            }
            return new Ending(streaming, sent[0], received, readReset, writeFailed[0], intact);
        }
    }
}
