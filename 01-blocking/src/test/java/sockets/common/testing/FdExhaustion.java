package sockets.common.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a server in a child JVM whose file descriptors {@code prlimit} caps, and fills them with
 * connections until its {@code accept} fails with "Too many open files", as a connect storm would on a
 * real server. Linux only (prlimit is util-linux's); a test that uses it is skipped, saying so, elsewhere.
 */
public final class FdExhaustion implements AutoCloseable {
    /** Low enough to reach with a few hundred connections, high enough for the JVM itself (about 40 at rest). */
    public static final int LIMIT = 160;

    private final List<Closeable> flood = new ArrayList<>();

    /** Skips the calling test, with the reason, where prlimit is missing. */
    public static void assumeAvailable() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "prlimit caps file descriptors on Linux only");
        assumeTrue(ChapterProcess.onPath("prlimit"), "prlimit (util-linux) is not on the PATH");
    }


    /** {@code main args} in a child JVM allowed {@link #LIMIT} file descriptors. */
    public static ChapterProcess start(Class<?> main, String... args) throws IOException {
        return ChapterProcess.start(List.of("prlimit", "--nofile=" + LIMIT + ":" + LIMIT), main, null, args);
    }

    /**
     * Opens connections until the server says on stderr that an accept failed: more than its descriptors
     * allow, fewer than its backlog can queue beyond them. Returns that stderr line.
     */
    public String floodUntilAcceptFails(ChapterProcess server, InetSocketAddress address) throws Exception {
        for (int i = 0; i < LIMIT + 60; i++) {
            flood.add(TestSockets.connect(address));
        }
        return server.awaitStderr("accept failed");
    }

    /** The same for a Unix domain socket's server. */
    public String floodUntilAcceptFails(ChapterProcess server, UnixDomainSocketAddress address) throws Exception {
        for (int i = 0; i < LIMIT + 60; i++) {
            flood.add(SocketChannel.open(address));
        }
        return server.awaitStderr("accept failed");
    }

    /**
     * Waits (bounded) until every burst of failed accepts that began has ended ("accepting again after"),
     * counting from the first "accept failed" line {@link #floodUntilAcceptFails} returned: the server may
     * end a short burst and start another before the flood's end reaches it, and its closing line comes on
     * its accept thread, after the client it accepted may already be served.
     */
    public static void awaitEveryBurstEnded(ChapterProcess server) throws InterruptedException {
        int open = 1;
        while (open > 0) {
            String line = server.awaitStderr("accept");
            if (line.contains("accept failed")) {
                open++;
            } else if (line.contains("accepting again after")) {
                open--;
            }
        }
    }

    /**
     * The server's stderr logged each burst of failed accepts once, not each attempt: one "accept failed"
     * line per burst, each burst closed by "accepting again after N failed attempts". (Two bursts can
     * happen: once the flood closes, the connections still queued are accepted faster than their handlers
     * close them.) Returns the attempts the ended bursts counted.
     */
    public static long assertLoggedOncePerBurst(ChapterProcess.Result result) {
        long lines = result.stderrLines().stream().filter(l -> l.contains("accept failed")).count();
        long attempts = result.stderrLines().stream().filter(l -> l.contains("accepting again after "))
                .mapToLong(l -> Long.parseLong(l.replaceAll(".*accepting again after (\\d+) failed attempts.*", "$1")))
                .sum();
        long bursts = result.stderrLines().stream().filter(l -> l.contains("accepting again after ")).count();
        // A burst still going when the server stopped has its line but no "accepting again" yet: hence + 1.
        assertTrue(lines >= 1 && lines <= bursts + 1, "one 'accept failed' line per burst:\n" + result.stderr());
        return attempts;
    }

    /** Closes every flooding connection: the shortage passes. */
    @Override
    public void close() {
        for (Closeable socket : flood) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing to release the server's descriptors: nothing more to do
            }
        }
        flood.clear();
    }
}
