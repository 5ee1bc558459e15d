package sockets.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.NetworkNamespace;
import sockets.ipc.cli.Main;

/**
 * The HOWTO's "localhost takes a shortcut", checked on Linux: inside a network namespace of our own, an address
 * on a veth (non-loopback) interface is routed through the loopback device like 127.0.0.1. Chapter 01's echo
 * server and client run inside the namespace; the interfaces' byte counters say which device carried the bytes.
 */
class LocalhostShortcutTest {
    private static final int BYTES = 1 << 20;
    private static NetworkNamespace ns;

    @BeforeAll
    static void makeNamespace() {
        try {
            ns = NetworkNamespace.isolated();
        } catch (IOException e) {
            assumeTrue(false, "cannot make a network namespace here (root and iproute2 are needed): " + e.getMessage());
        }
    }

    @AfterAll
    static void removeNamespace() {
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void theKernelRoutesTheVethAddressAsLocalThroughLoopback() throws IOException {
        String route = ns.exec("ip", "route", "get", NetworkNamespace.BENCH_ADDRESS);
        assertTrue(route.startsWith("local " + NetworkNamespace.BENCH_ADDRESS + " dev lo"), route);
    }

    @Test
    void bytesSentToTheVethAddressAreCountedOnLoopbackAndNeverOnTheVeth(@TempDir Path folder) throws Exception {
        Path input = folder.resolve("input");
        Random random = new Random(7);
        StringBuilder text = new StringBuilder(BYTES);
        for (int i = 0; i < BYTES; i++) {
            text.append((char) ('a' + random.nextInt(26))); // text: the process helper reads stdout as UTF-8
        }
        Files.writeString(input, text);
        long loBefore = counter("lo", "rx_bytes");
        long vethBefore = counter(NetworkNamespace.BENCH_DEVICE, "tx_bytes") + counter(NetworkNamespace.BENCH_DEVICE, "rx_bytes");

        try (ChapterProcess server = ChapterProcess.start(ns.prefix(), sockets.blocking.cli.Main.class, null,
                "echo-server", "--host", NetworkNamespace.BENCH_ADDRESS, "--port", "0")) {
            int port = server.awaitListening().getPort();
            try (ChapterProcess client = ChapterProcess.start(ns.prefix(), sockets.blocking.cli.Main.class, input,
                    "echo-client", "--host", NetworkNamespace.BENCH_ADDRESS, "--port", Integer.toString(port))) {
                ChapterProcess.Result result = client.awaitExit();
                assertEquals(0, result.exitCode(), result.stderr());
                assertTrue(text.toString().equals(result.stdout()), "the whole echo came back intact");
            }
        }

        long onLoopback = counter("lo", "rx_bytes") - loBefore;
        long onVeth = counter(NetworkNamespace.BENCH_DEVICE, "tx_bytes") + counter(NetworkNamespace.BENCH_DEVICE, "rx_bytes")
                - vethBefore;
        System.out.printf("1 MiB each way to %s: %,d bytes counted on lo, %,d on %s%n",
                NetworkNamespace.BENCH_ADDRESS, onLoopback, onVeth, NetworkNamespace.BENCH_DEVICE);
        assertTrue(onLoopback >= 2L * BYTES, "both directions crossed lo: " + onLoopback);
        assertEquals(0, onVeth, "nothing crossed the veth interface");
    }

    private static long counter(String device, String name) throws IOException {
        return Long.parseLong(ns.exec("cat", "/sys/class/net/" + device + "/statistics/" + name));
    }
}
