package sockets.ipc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import sockets.common.testing.NetworkNamespace;

/**
 * The benchmark's side of one transport to an {@link IpcPeer} in another process: two streams, whatever
 * carries them. It also places both processes on CPUs (taskset) the same way for every transport, because
 * on two cores where the two processes run moves a round trip more than the transport does.
 */
final class IpcLink implements AutoCloseable {
    /** The transports measured; {@code tcp-ns} needs the network namespace {@link IpcBench} runs the benchmark in. */
    static final List<String> TRANSPORTS = List.of("tcp", "tcp-ns", "uds", "pipe", "shm", "shm-park");
    private static final long WAIT_SECONDS = 20;

    private final Process peer;
    private final Path folder;
    private final Connected connected;
    private final String restoreCpus;
    private long sent;
    private boolean ended;

    /** What connecting made: the streams, how to half-close, and what to release at the end. */
    private record Connected(InputStream in, OutputStream out, Ending halfClose, AutoCloseable resource) {
    }

    private interface Ending {
        void run() throws IOException;
    }

    private IpcLink(Process peer, Path folder, Connected connected, String restoreCpus) {
        this.peer = peer;
        this.folder = folder;
        this.connected = connected;
        this.restoreCpus = restoreCpus;
    }

    /**
     * Starts a peer in {@code mode} (echo or sink) and connects to it over {@code transport}. Placement
     * {@code split}: this process on CPU 0, the peer on CPU 1; {@code same}: both on CPU 0.
     */
    static IpcLink open(String transport, String mode, String placement, boolean noDelay) throws Exception {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            throw new IllegalStateException("the benchmark places its two processes on CPUs 0 and 1; this machine has "
                    + Runtime.getRuntime().availableProcessors());
        }
        String peerCpu = switch (placement) {
            case "split" -> "1";
            case "same" -> "0";
            default -> throw new IllegalArgumentException("placement must be split or same: " + placement);
        };
        String restore = pinThisProcess("0");
        Path folder = Files.createTempDirectory("ipc-bench-");
        List<String> command = new ArrayList<>(List.of("taskset", "-c", peerCpu,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), IpcPeer.class.getName(), mode));
        switch (transport) {
            case "tcp", "tcp-ns" -> command.addAll(List.of("tcp",
                    transport.equals("tcp") ? "127.0.0.1" : NetworkNamespace.BENCH_ADDRESS));
            case "uds" -> command.addAll(List.of("uds", folder.resolve("peer.sock").toString()));
            case "pipe" -> command.add("pipe");
            case "shm", "shm-park" -> command.addAll(List.of(transport, folder.toString()));
            default -> throw new IllegalArgumentException("transport must be one of " + TRANSPORTS + ": " + transport);
        }
        Process peer = null;
        try {
            // shm: both rings are mapped here first, so that they exist, empty, before the peer maps them
            boolean ring = transport.startsWith("shm");
            SharedRing.Backoff backoff = IpcPeer.backoff(transport);
            SharedRing up = ring ? SharedRing.map(folder.resolve("up"), IpcPeer.SHM_CAPACITY, backoff) : null;
            SharedRing down = ring ? SharedRing.map(folder.resolve("down"), IpcPeer.SHM_CAPACITY, backoff) : null;
            peer = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Connected connected = switch (transport) {
                case "pipe" -> new Connected(peer.getInputStream(), peer.getOutputStream(),
                        peer.getOutputStream()::close, () -> { });
                case "shm", "shm-park" -> {
                    firstLine(peer);
                    OutputStream producer = up.producer();
                    yield new Connected(down.consumer(), producer, producer::close, () -> {
                        up.close();
                        down.close();
                    });
                }
                case "uds" -> {
                    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                    channel.connect(UnixDomainSocketAddress.of(address(firstLine(peer))));
                    yield new Connected(Channels.newInputStream(channel), Channels.newOutputStream(channel),
                            channel::shutdownOutput, channel);
                }
                default -> {
                    String address = address(firstLine(peer));
                    int colon = address.lastIndexOf(':');
                    Socket socket = new Socket();
                    socket.setTcpNoDelay(noDelay);
                    socket.connect(new InetSocketAddress(address.substring(0, colon),
                            Integer.parseInt(address.substring(colon + 1))));
                    yield new Connected(socket.getInputStream(), socket.getOutputStream(), socket::shutdownOutput,
                            socket);
                }
            };
            return new IpcLink(peer, folder, connected, restore);
        } catch (Exception e) {
            if (peer != null) {
                peer.destroyForcibly();
            }
            pinThisProcess(restore);
            throw e;
        }
    }

    private static String address(String listening) {
        return listening.substring("listening on ".length());
    }

    /** Sends {@code length} bytes at once (the process pipe's stream buffers, so flush). */
    void send(byte[] buffer, int length) throws IOException {
        connected.out().write(buffer, 0, length);
        connected.out().flush();
        sent += length;
    }

    /** What the peer sends back. */
    InputStream in() {
        return connected.in();
    }

    /** For a sink peer: ends the stream, and returns how many bytes the peer says it read. */
    long endAndCount() throws IOException {
        end();
        byte[] count = new byte[Long.BYTES];
        IpcPeer.readFully(connected.in(), count, count.length);
        return ByteBuffer.wrap(count).getLong();
    }

    long sent() {
        return sent;
    }

    private void end() throws IOException {
        if (!ended) {
            ended = true;
            connected.halfClose().run();
        }
    }

    /** Ends the stream, waits for the peer to exit, releases everything, and gives this process its CPUs back. */
    @Override
    public void close() throws Exception {
        try {
            end();
            if (!peer.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the peer did not exit within " + WAIT_SECONDS + " s");
            }
        } finally {
            peer.destroyForcibly();
            connected.resource().close();
            pinThisProcess(restoreCpus);
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Pins every thread of this process to {@code cpus}; returns the CPU list it had before. */
    private static String pinThisProcess(String cpus) throws IOException, InterruptedException {
        String pid = Long.toString(ProcessHandle.current().pid());
        String before = run("taskset", "-c", "-p", pid); // "pid 123's current affinity list: 0,1"
        run("taskset", "-a", "-c", "-p", cpus, pid);
        return before.substring(before.lastIndexOf(':') + 1).strip();
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
        return output;
    }

    private static String firstLine(Process peer) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine(); // bounded: a peer that dies closes its stdout
        if (line == null) {
            throw new IOException("the peer exited before it was ready");
        }
        return line;
    }
}
