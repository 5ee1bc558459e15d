package sockets.common.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test host of our own: a network namespace joined to this one by a veth pair, with addresses from
 * 198.18.0.0/15 (the range RFC 2544 sets aside for benchmarking, so it is nobody's real network).
 * Traffic to {@link #HOST} goes only into the namespace this object made. Or, from {@link #isolated()},
 * a namespace joined to nothing: its loopback and a veth pair with both ends inside. Needs root and iproute2.
 */
public final class NetworkNamespace implements AutoCloseable {
    public static final String HERE = "198.18.0.1";
    public static final String HOST = "198.18.0.2";
    /** An address of an {@link #isolated()} namespace, on {@link #BENCH_DEVICE}: local to it, not on loopback. */
    public static final String BENCH_ADDRESS = "198.18.1.1";
    /** The non-loopback interface carrying {@link #BENCH_ADDRESS}: one end of a veth pair. */
    public static final String BENCH_DEVICE = "bench0";

    public final String name;
    private final String outside;
    private final String inside;

    private NetworkNamespace(String name, String outside, String inside) {
        this.name = name;
        this.outside = outside;
        this.inside = inside;
    }

    /** Makes the namespace and its link; throws, saying which step failed, where this machine does not allow it. */
    public static NetworkNamespace create() throws IOException {
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

    /**
     * Makes a namespace joined to nothing: its loopback up, and a veth pair with both ends inside, one of
     * them ({@link #BENCH_DEVICE}) carrying {@link #BENCH_ADDRESS}, an address of the namespace that is not on
     * its loopback device. (A veth rather than a dummy interface: not every kernel has the dummy driver.)
     */
    public static NetworkNamespace isolated() throws IOException {
        String id = Long.toString(ProcessHandle.current().pid() % 100_000, 36) + Long.toString(System.nanoTime() % 1296, 36);
        NetworkNamespace ns = new NetworkNamespace("sockets-bench-" + id, null, null);
        try {
            ip("netns", "add", ns.name);
            ns.exec("ip", "link", "set", "lo", "up");
            ns.exec("ip", "link", "add", BENCH_DEVICE, "type", "veth", "peer", "name", BENCH_DEVICE + "p");
            for (String end : new String[] {BENCH_DEVICE, BENCH_DEVICE + "p"}) {
                // no IPv6 on the pair: its link-local chatter (neighbour discovery) would be the only traffic on it
                ns.exec("sysctl", "-q", "-w", "net.ipv6.conf." + end + ".disable_ipv6=1");
            }
            ns.exec("ip", "addr", "add", BENCH_ADDRESS + "/32", "dev", BENCH_DEVICE);
            ns.exec("ip", "link", "set", BENCH_DEVICE, "up");
            ns.exec("ip", "link", "set", BENCH_DEVICE + "p", "up");
            return ns;
        } catch (IOException e) {
            ns.close();
            throw e;
        }
    }

    /** The command prefix that runs a program inside the namespace. */
    public List<String> prefix() {
        return List.of("ip", "netns", "exec", name);
    }

    /** Cuts the link from inside: the host is still up, but nothing it sends or is sent arrives any more. */
    public void cut() throws IOException {
        exec("ip", "link", "set", inside, "down");
    }

    /** Runs {@code command} inside the namespace and returns what it printed; throws if it fails. */
    public String exec(String... command) throws IOException {
        List<String> full = new ArrayList<>(prefix());
        full.addAll(List.of(command));
        return run(full);
    }

    private static String ip(String... args) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip"));
        full.addAll(List.of(args));
        return run(full);
    }

    private static String run(List<String> command) throws IOException {
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
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + output);
        }
        return output;
    }

    @Override
    public void close() {
        if (outside != null) {
            try {
                ip("link", "del", outside); // takes its peer inside with it
            } catch (IOException e) {
                // already gone with the namespace, or never made
            }
        }
        try {
            ip("netns", "del", name);
        } catch (IOException e) {
            // never made
        }
    }
}
