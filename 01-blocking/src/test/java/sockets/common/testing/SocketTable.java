package sockets.common.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The kernel's table of TCP sockets, as {@code netstat -an} and {@code ss -tan} print it, read from
 * {@code /proc/net/tcp}: each row a local address, a remote address and a state. Linux only; a test that
 * uses it is skipped, saying so, elsewhere (macOS has {@code netstat -an}, Windows {@code netstat -ano}).
 */
public final class SocketTable {
    /** One row: addresses in {@code 127.0.0.1:PORT} form, the state as {@code ss} names it. */
    public record Row(String local, String remote, String state) {
    }

    private SocketTable() {
    }

    public static void assumeAvailable() {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "the kernel's socket table is read from /proc/net/tcp,"
                + " which only Linux has (elsewhere: netstat -an)");
    }

    /**
     * Every TCP socket the kernel has now, IPv4 and IPv6. Java opens IPv6 sockets even for IPv4 addresses
     * (dual stack), so 127.0.0.1 appears in {@code /proc/net/tcp6} as {@code ::ffff:127.0.0.1}; such an
     * address, and the all-zero one, are given here in their IPv4 form.
     */
    public static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                rows.add(new Row(address(f[1]), address(f[2]), state(f[3])));
            }
        }
        return rows;
    }

    /** The state of the socket from {@code local} to {@code remote}, or null if the kernel has none. */
    public static String stateOf(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        String l = local.getAddress().getHostAddress() + ":" + local.getPort();
        String r = remote.getAddress().getHostAddress() + ":" + remote.getPort();
        return rows().stream().filter(row -> row.local().equals(l) && row.remote().equals(r))
                .map(Row::state).findFirst().orElse(null);
    }

    /** {@code 0100007F:1F90} is 127.0.0.1:8080: the address's bytes in this machine's order, the port in hex. */
    static String address(String hex) {
        String[] parts = hex.split(":");
        String word = parts[0];
        if (word.length() == 32) { // IPv6: four 32-bit words, each in this machine's order
            if (word.startsWith("0000000000000000FFFF0000") || word.equals("0".repeat(32))) {
                word = word.substring(24); // v4-mapped (or all zero): the last word is the IPv4 address
            } else {
                return "[" + word.toLowerCase(Locale.ROOT) + "]:" + Integer.parseInt(parts[1], 16);
            }
        }
        long ip = Long.parseLong(word, 16);
        int port = Integer.parseInt(parts[1], 16);
        // /proc prints the 32-bit address as the kernel holds it: network order read as a little-endian number
        return String.format(Locale.ROOT, "%d.%d.%d.%d:%d", ip & 0xff, (ip >> 8) & 0xff, (ip >> 16) & 0xff,
                (ip >> 24) & 0xff, port);
    }

    static String state(String hex) {
        return switch (Integer.parseInt(hex, 16)) {
            case 0x01 -> "ESTABLISHED";
            case 0x02 -> "SYN-SENT";
            case 0x03 -> "SYN-RECV";
            case 0x04 -> "FIN-WAIT-1";
            case 0x05 -> "FIN-WAIT-2";
            case 0x06 -> "TIME-WAIT";
            case 0x07 -> "CLOSE";
            case 0x08 -> "CLOSE-WAIT";
            case 0x09 -> "LAST-ACK";
            case 0x0A -> "LISTEN";
            case 0x0B -> "CLOSING";
            default -> "UNKNOWN-" + hex;
        };
    }
}
