package sockets.blocking;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import sockets.common.PeerLog;

/**
 * The HOWTO's "the overhead [of a process per connection] is significant", measured: one operation is a
 * whole short connection (connect, 64 bytes out, their echo back, close) to an echo server that serves
 * each connection on a new platform thread, a new virtual thread, or a new process ({@code cat}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ServerDesignBenchmark {
    @Param({"platform", "virtual", "process"})
    public String design;

    private ThreadPerConnectionServer server;
    private InetSocketAddress address;
    private final byte[] message = new byte[64];

    @Setup(Level.Trial)
    public void start() throws Exception {
        ConnectionHandler handler = design.equals("process") ? new ProcessPerConnection(List.of("cat")) : new EchoHandler();
        Threads threads = design.equals("platform") ? Threads.PLATFORM : Threads.VIRTUAL;
        server = new ThreadPerConnectionServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024,
                threads, handler, PeerLog.discard());
        address = server.start();
        Arrays.fill(message, (byte) 'x');
        if (!Arrays.equals(message, connection())) {
            throw new IllegalStateException(design + " did not echo");
        }
    }

    @Benchmark
    public byte[] connection() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(address, 10_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(message);
            socket.shutdownOutput();
            return socket.getInputStream().readNBytes(message.length);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.close();
    }
}
