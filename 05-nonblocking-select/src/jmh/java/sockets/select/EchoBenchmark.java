package sockets.select;

import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import sockets.blocking.EchoHandler;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.common.PeerLog;
import sockets.common.Server;
import sockets.framing.FixedLengthFraming;

/**
 * Threads against select, measured: one echo server of each design in this JVM, and {@code connections}
 * clients driven by one selector thread. One operation is a round: a 64-byte message out on every
 * connection at once, and every echo back. Rounds per second times connections is messages per second;
 * the time of a round is the round-trip latency each message sees with that many in flight.
 * Client and server share this machine's cores, alike for every design.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EchoBenchmark {
    static final int SIZE = 64;

    @Param({"1", "100", "1000"})
    public int connections;

    @Param({"platform", "virtual", "selector", "selectorN", "netty"})
    public String server;

    private AutoCloseable running;
    private RoundDriver driver;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        PeerLog quiet = PeerLog.discard();
        int cores = Runtime.getRuntime().availableProcessors();
        InetSocketAddress address;
        switch (server) {
            case "platform", "virtual" -> {
                Server threads = new ThreadPerConnectionServer(any, 4096,
                        server.equals("platform") ? Threads.PLATFORM : Threads.VIRTUAL, new EchoHandler(), quiet);
                address = (InetSocketAddress) threads.start();
                running = threads;
            }
            case "selector", "selectorN" -> {
                SelectorServer select = new SelectorServer(any, 4096, server.equals("selector") ? 1 : cores,
                        Protocol.ECHO, SelectorServer.DEFAULT_MAX_PENDING, quiet);
                address = (InetSocketAddress) select.start();
                running = select;
            }
            case "selectorFrames" -> {
                // Not in the default list (run it with -p server=selectorFrames): the same loop serving
                // chapter 02's fixed-length frames, each message one frame, through FramingProtocol.
                SelectorServer select = new SelectorServer(any, 4096, 1,
                        new FramingProtocol(new FixedLengthFraming(SIZE)), SelectorServer.DEFAULT_MAX_PENDING, quiet);
                address = (InetSocketAddress) select.start();
                running = select;
            }
            case "netty" -> {
                NettyEchoServer netty = new NettyEchoServer(any, cores);
                address = netty.address();
                running = netty;
            }
            default -> throw new IllegalArgumentException(server);
        }
        driver = new RoundDriver(address, connections, SIZE);
        driver.round(); // every connection accepted and answering before measuring
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        driver.close();
        running.close();
    }

    @Benchmark
    public int round() throws Exception {
        return driver.round();
    }
}
