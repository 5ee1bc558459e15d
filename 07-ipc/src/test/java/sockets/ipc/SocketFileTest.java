package sockets.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockets.common.Cli;
import sockets.common.PeerLog;
import sockets.common.testing.ChapterProcess;
import sockets.ipc.cli.Main;
import sockets.select.Protocol;

/** The socket file's rules, in-process and as real processes. */
class SocketFileTest {
    private static final PeerLog QUIET = PeerLog.discard();

    @TempDir
    Path folder;

    @Test
    void theSocketFileIsReadableAndWritableByItsOwnerOnly() throws IOException {
        Path path = folder.resolve("s.sock");
        try (UdsServer server = new UdsServer(path, Protocol.ECHO, QUIET)) {
            server.start();
            assertTrue(SocketFile.isSocket(path));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        }
    }

    @Test
    void theFileIsGoneAfterACleanShutdown() throws IOException {
        Path path = folder.resolve("s.sock");
        try (UdsServer server = new UdsServer(path, Protocol.ECHO, QUIET)) {
            server.start();
            assertTrue(Files.exists(path));
        }
        assertFalse(Files.exists(path));
    }

    @Test
    void aSecondServerOnALivePathIsRefusedAndTheFirstKeepsIt() throws IOException {
        Path path = folder.resolve("s.sock");
        try (UdsServer first = new UdsServer(path, Protocol.ECHO, QUIET);
             UdsServer second = new UdsServer(path, Protocol.ECHO, QUIET)) {
            first.start();
            IOException refused = assertThrows(IOException.class, second::start);
            assertEquals("another server is listening on " + path, refused.getMessage());
            assertTrue(SocketFile.isSocket(path), "the first server's file is untouched");
        }
    }

    @Test
    void aStaleSocketFileLeftByACrashIsReplaced() throws IOException {
        Path path = folder.resolve("s.sock");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path), "a closed server's file stays, as after a crash");
        try (UdsServer server = new UdsServer(path, Protocol.ECHO, QUIET)) {
            server.start();
            assertTrue(SocketFile.isSocket(path));
        }
    }

    @Test
    void aPathThatIsNotASocketIsNeverTouched() throws IOException {
        Path path = Files.writeString(folder.resolve("precious.txt"), "do not delete");
        try (UdsServer server = new UdsServer(path, Protocol.ECHO, QUIET)) {
            IOException refused = assertThrows(IOException.class, server::start);
            assertTrue(refused.getMessage().contains("is not a socket"), refused.getMessage());
        }
        assertEquals("do not delete", Files.readString(path));
    }

    @Test
    void asProcessesASecondServerExitsOneAndTheFirstRemovesItsFileOnSigterm() throws Exception {
        Path path = folder.resolve("p.sock");
        try (ChapterProcess first = ChapterProcess.start(Main.class, "uds-echo-server", "--path", path.toString())) {
            String line = firstLine(first);
            assertEquals("listening on " + path, line);
            ChapterProcess.Result second = ChapterProcess.run(Main.class, "uds-echo-server", "--path", path.toString());
            second.assertOneLineFailure(Cli.FAILED);
            assertTrue(second.stderr().contains("another server is listening on " + path), second.stderr());

            ChapterProcess.Result client = ChapterProcess.run(Main.class, "uds-echo-client", "--path", path.toString(),
                    "over", "a", "file");
            assertEquals(0, client.exitCode(), client.stderr());
            assertEquals("over a file\n", client.stdout());

            first.terminate();
            ChapterProcess.Result stopped = first.awaitExit();
            stopped.assertNoStackTrace();
            assertFalse(Files.exists(path), "the socket file was deleted on SIGTERM");
        }
    }

    /**
     * Someone removed the server's socket file while it ran and put something else at the path: another
     * server's live socket, or a file of their own. Stopping must leave it (the other server reachable, the
     * file unchanged) and say so, whichever way the server serves.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}, {1} put at the path")
    @org.junit.jupiter.params.provider.CsvSource({"selector, another server", "platform, another server",
            "virtual, another server", "selector, a file", "platform, a file", "virtual, a file"})
    void stoppingLeavesWhatIsNoLongerItsSocket(String model, String putThere) throws Exception {
        Path path = folder.resolve("s.sock");
        sockets.common.testing.LogCapture log = new sockets.common.testing.LogCapture();
        UdsServer second = null;
        try (UdsServer first = server(model, path, log.log())) {
            first.start();
            Files.delete(path); // a careless `rm`, or a script cleaning up
            if (putThere.equals("a file")) {
                Files.writeString(path, "notes I keep here");
            } else {
                second = server(model, path, QUIET);
                second.start();
            }
        } // the first server stops here
        try {
            if (second == null) {
                assertEquals("notes I keep here", Files.readString(path));
                assertTrue(log.awaitLines(1).get(0).contains("left " + path + " in place: it is no longer a socket"),
                        log.text());
                return;
            }
            assertTrue(SocketFile.isSocket(path), "the second server's socket file is still there");
            assertTrue(log.awaitLines(1).get(0).contains("left " + path + " in place: it is another socket now"),
                    log.text());
            try (java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel.open(
                    UnixDomainSocketAddress.of(path))) {
                client.write(java.nio.ByteBuffer.wrap("still here".getBytes()));
                java.nio.ByteBuffer back = java.nio.ByteBuffer.allocate(10);
                // a blocking read, bounded by the test's default timeout (a Unix-domain channel has no SO_TIMEOUT)
                for (int i = 0; i < 10 && back.hasRemaining() && client.read(back) >= 0; i++) {
                    // the whole echo, however it is split
                }
                assertEquals("still here", new String(back.array()), "the second server is still reachable");
            }
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }

    private static UdsServer server(String model, Path path, PeerLog log) {
        return switch (model) {
            case "selector" -> new UdsServer(path, Protocol.ECHO, log);
            case "platform" -> new UdsServer(path, sockets.blocking.Threads.PLATFORM, log);
            default -> new UdsServer(path, sockets.blocking.Threads.VIRTUAL, log);
        };
    }

    /** The same as processes: on SIGTERM, uds-echo-server leaves a path that is no longer its socket, and exits 143. */
    @Test
    void asAProcessSigtermLeavesAPathThatIsNoLongerItsSocket() throws Exception {
        Path path = folder.resolve("p.sock");
        try (ChapterProcess server = ChapterProcess.start(Main.class, "uds-echo-server", "--path", path.toString())) {
            assertEquals("listening on " + path, firstLine(server));
            Files.delete(path);
            Files.writeString(path, "mine now");
            server.terminate();
            ChapterProcess.Result stopped = server.awaitExit();
            stopped.assertNoStackTrace();
            assertEquals(143, stopped.exitCode(), stopped.stderr());
            assertTrue(stopped.stderr().contains("left " + path + " in place: it is no longer a socket"), stopped.stderr());
        }
        assertEquals("mine now", Files.readString(path));
    }

    /** A UDS server's first line names its path, which ChapterProcess.awaitListening cannot parse as HOST:PORT. */
    private static String firstLine(ChapterProcess process) throws Exception {
        return process.awaitFirstLine();
    }
}
