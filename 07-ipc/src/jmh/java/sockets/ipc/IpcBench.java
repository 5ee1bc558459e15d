package sockets.ipc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sockets.common.testing.NetworkNamespace;

/**
 * Runs chapter 07's benchmarks (JMH, with the arguments given) inside a network namespace it makes, so that
 * {@code tcp-ns} has a non-loopback address of the machine to connect to: {@link NetworkNamespace#BENCH_ADDRESS}
 * on a veth interface that exists only in that namespace. Every transport runs in the same namespace, so they
 * stay comparable. Where no namespace can be made (not root, no iproute2) it says so and leaves tcp-ns out.
 */
public final class IpcBench {
    private IpcBench() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        List<String> jmh = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.openjdk.jmh.Main"));
        jmh.addAll(List.of(args));
        NetworkNamespace ns;
        try {
            ns = NetworkNamespace.isolated();
        } catch (IOException e) {
            System.err.println("no network namespace, so tcp-ns is left out: " + e.getMessage());
            ns = null;
        }
        List<String> transports = new ArrayList<>(IpcLink.TRANSPORTS);
        List<String> command = new ArrayList<>();
        if (ns == null) {
            transports.remove("tcp-ns");
        } else {
            command.addAll(ns.prefix());
            NetworkNamespace made = ns;
            Runtime.getRuntime().addShutdownHook(new Thread(made::close, "remove-namespace"));
            System.err.println("running in network namespace " + ns.name + "; tcp-ns connects to "
                    + NetworkNamespace.BENCH_ADDRESS + " on " + NetworkNamespace.BENCH_DEVICE);
        }
        command.addAll(jmh);
        command.addAll(List.of("-p", "transport=" + String.join(",", transports)));
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        System.exit(exit); // the shutdown hook removes the namespace
    }
}
