package sockets.common.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assumeTrue(onPath("prlimit"), "prlimit (util-linux) is not on the PATH");
    }

    static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
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
