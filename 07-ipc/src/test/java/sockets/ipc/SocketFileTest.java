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

    /** A UDS server's first line names its path, which ChapterProcess.awaitListening cannot parse as HOST:PORT. */
    private static String firstLine(ChapterProcess process) throws Exception {
        return process.awaitFirstLine();
    }
}
