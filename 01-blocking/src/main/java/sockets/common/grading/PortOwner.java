package sockets.common.grading;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Is the port a program names its own? On Linux the kernel's socket tables ({@code /proc/net/tcp},
 * {@code tcp6}, {@code udp}, {@code udp6}) give the inode of each socket bound to a port, and
 * {@code /proc/PID/fd} shows which process holds which socket: a program that prints the port of another
 * server, one it does not own, is caught before any check runs. Elsewhere, or where {@code /proc} cannot
 * be read, the question is left open.
 */
final class PortOwner {
    private PortOwner() {
    }

    /** Throws {@link GradingException} if the sockets bound to {@code port} are all held by other processes. */
    static void verify(int port, List<ProcessHandle> program) {
        Set<String> bound = new HashSet<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            bound.addAll(inodes(Path.of("/proc/net", table), port));
        }
        if (bound.isEmpty()) {
            return; // not Linux, or nothing there: the checks will say what they find
        }
        Set<String> held = new HashSet<>();
        boolean readable = false;
        for (ProcessHandle process : program) {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", String.valueOf(process.pid()), "fd"))) {
                readable = true;
                for (Path fd : fds) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            held.add(target.substring(8, target.length() - 1));
                        }
                    } catch (IOException e) {
                        // closed meanwhile
                    }
                }
            } catch (IOException | SecurityException e) {
                // gone, or not ours to read
            }
        }
        if (readable && held.stream().noneMatch(bound::contains)) {
            throw new GradingException("port " + port + " is not your program's: the socket bound there belongs to"
                    + " another process (print the port your own socket is bound to)");
        }
    }

    /** Inodes of the sockets in {@code table} whose local port is {@code port}. */
    private static Set<String> inodes(Path table, int port) {
        Set<String> inodes = new HashSet<>();
        String hex = String.format(Locale.ROOT, ":%04X", port);
        try {
            for (String line : Files.readAllLines(table)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].endsWith(hex) && !f[9].equals("0")) {
                    inodes.add(f[9]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return inodes;
        }
        return inodes;
    }
}
