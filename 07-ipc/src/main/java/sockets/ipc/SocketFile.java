package sockets.ipc;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The file-system name of a Unix domain socket, handled the careful way. A server's socket file outlives a
 * crash, and a new server cannot bind over it; deleting it blindly could steal the name from a live server.
 * So: refuse a path that is not a socket; refuse a socket someone still accepts on; remove a stale one
 * (a socket nobody accepts on); after binding, make it readable and writable by its owner only, and note
 * which file it is (its device and inode); on a clean shutdown, delete it only if that same file is still
 * there. Someone may have removed it meanwhile and put another server's socket, or a file of their own, at
 * the path: deleting by name alone would take that instead.
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

    /**
     * Which file is at {@code path} now: its file key (device and inode on Linux and macOS), or null where the
     * system has none (Windows).
     */
    public static Object identity(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /**
     * Deletes {@code path} if the file there is still the socket {@code identity} names; returns null when it
     * did, or when nothing is there, else why it left the file alone. Without file keys (Windows) any socket
     * at the path counts as ours. A file swapped in between this check and the delete would still be deleted:
     * a window of microseconds, where deleting by name alone leaves it open for the server's whole life.
     */
    public static String deleteIfStillOurs(Path path, Object identity) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!isSocket(path)) {
            return "it is no longer a socket";
        }
        if (identity != null && !identity.equals(identity(path))) {
            return "it is another socket now (another server's, perhaps)";
        }
        Files.deleteIfExists(path);
        return null;
    }

    /** Whether files here have POSIX permissions: Linux and macOS do; Windows has ACLs instead. */
    public static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Only the owner may connect: on Linux, connecting to a Unix domain socket needs write permission on it.
     * On Windows there are no such bits: the socket file's access follows its folder's ACL, so keep it in a
     * folder only you can reach ({@link #privateFolder}).
     */
    public static void restrictToOwner(Path path) throws IOException {
        if (posix()) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** The file's permissions as {@code ls -l} shows them, or where there are none, what stands for them. */
    public static String permissions(Path path) throws IOException {
        return posix() ? PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS))
                : "(no POSIX permissions here: its folder's ACL decides)";
    }

    /** A new temporary folder only its owner may enter (rwx------ where there are POSIX permissions). */
    public static Path privateFolder(String prefix) throws IOException {
        return posix() ? Files.createTempDirectory(prefix, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------"))) : Files.createTempDirectory(prefix);
    }

    /** A socket file: its type in {@code unix:mode} where the system has it; elsewhere neither file, folder nor link. */
    public static boolean isSocket(Path path) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("unix")) {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & S_IFMT) == S_IFSOCK;
        }
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
    }
}
