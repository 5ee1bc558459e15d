package sockets.ipc;

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

/**
 * Round-trip latency between two processes: one message of {@code size} bytes to an echoing {@link IpcPeer}
 * and all of it back, over each transport; the two processes on different CPUs ({@code split}) or on the same
 * one ({@code same}). TCP runs with TCP_NODELAY on both ends, as a latency-minded program would.
 * {@code tcp-ns} (TCP to a non-loopback address of a network namespace) is run by {@link IpcBench}, not by default.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RoundTripBenchmark {
    @Param({"tcp", "uds", "pipe", "shm", "shm-park"})
    public String transport;

    @Param({"1", "64"})
    public int size;

    @Param({"split", "same"})
    public String placement;

    private IpcLink link;
    private byte[] message;
    private byte[] echo;
    private byte counter;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        link = IpcLink.open(transport, "echo", placement, true);
        message = new byte[size];
        echo = new byte[size];
        roundTrip(); // the peer is up and answering before measuring
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        link.close();
    }

    @Benchmark
    public byte roundTrip() throws Exception {
        message[0] = ++counter; // each message differs, so a stale or lost echo is caught
        link.send(message, size);
        IpcPeer.readFully(link.in(), echo, size);
        if (echo[0] != counter) {
            throw new IllegalStateException("echo " + echo[0] + " for message " + counter);
        }
        return echo[0];
    }
}
