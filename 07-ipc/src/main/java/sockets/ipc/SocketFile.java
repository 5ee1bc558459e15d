package sockets.ipc;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The file-system name of a Unix domain socket, handled the careful way. A server's socket file outlives a
 * crash, and a new server cannot bind over it; deleting it blindly could steal the name from a live server.
 * So: refuse a path that is not a socket; refuse a socket someone still accepts on; remove a stale one
 * (a socket nobody accepts on); after binding, make it readable and writable by its owner only; delete it
 * on a clean shutdown.
 */
public final class SocketFile {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private SocketFile() {
    }

    /** Makes {@code path} free to bind, or explains in one line why it is not. */
    public static void prepare(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!isSocket(path)) {
            throw new IOException(path + " exists and is not a socket; not touching it");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            throw new IOException("another server is listening on " + path);
        } catch (ConnectException refused) {
            Files.delete(path); // stale: left by a server that did not shut down cleanly
        }
    }

    /** Only the owner may connect: on Linux, connecting to a Unix domain socket needs write permission on it. */
    public static void restrictToOwner(Path path) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    }

    public static boolean isSocket(Path path) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & S_IFMT) == S_IFSOCK;
    }
}
