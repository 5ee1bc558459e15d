package sockets.shutdown;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test host of our own: a network namespace joined to this one by a veth pair, with addresses from
 * 198.18.0.0/15 (the range RFC 2544 sets aside for benchmarking, so it is nobody's real network).
 * Traffic to {@link #HOST} goes only into the namespace this object made. Needs root and iproute2.
 */
final class NetworkNamespace implements AutoCloseable {
    static final String HERE = "198.18.0.1";
    static final String HOST = "198.18.0.2";

    final String name;
    private final String outside;
    private final String inside;

    private NetworkNamespace(String name, String outside, String inside) {
        this.name = name;
        this.outside = outside;
        this.inside = inside;
    }

    /** Makes the namespace and its link; throws, saying which step failed, where this machine does not allow it. */
    static NetworkNamespace create() throws IOException {
        String id = Long.toString(ProcessHandle.current().pid() % 100_000, 36) + Long.toString(System.nanoTime() % 1296, 36);
        NetworkNamespace ns = new NetworkNamespace("sockets-test-" + id, "skt" + id + "a", "skt" + id + "b");
        try {
            ip("netns", "add", ns.name);
            ip("link", "add", ns.outside, "type", "veth", "peer", "name", ns.inside);
            ip("link", "set", ns.inside, "netns", ns.name);
            ip("addr", "add", HERE + "/30", "dev", ns.outside);
            ip("link", "set", ns.outside, "up");
            ns.exec("ip", "addr", "add", HOST + "/30", "dev", ns.inside);
            ns.exec("ip", "link", "set", ns.inside, "up");
            ns.exec("ip", "link", "set", "lo", "up");
            return ns;
        } catch (IOException e) {
            ns.close();
            throw e;
        }
    }

    /** The command prefix that runs a program inside the namespace. */
    List<String> prefix() {
        return List.of("ip", "netns", "exec", name);
    }

    /** Cuts the link from inside: the host is still up, but nothing it sends or is sent arrives any more. */
    void cut() throws IOException {
        exec("ip", "link", "set", inside, "down");
    }

    void exec(String... command) throws IOException {
        List<String> full = new ArrayList<>(prefix());
        full.addAll(List.of(command));
        run(full);
    }

    private static void ip(String... args) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip"));
        full.addAll(List.of(args));
        run(full);
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": no answer in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        String output = new String(p.getInputStream().readAllBytes()).strip();
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + output);
        }
    }

    @Override
    public void close() {
        try {
            ip("link", "del", outside); // takes its peer inside with it
        } catch (IOException e) {
            // already gone with the namespace, or never made
        }
        try {
            ip("netns", "del", name);
        } catch (IOException e) {
            // never made
        }
    }
}
