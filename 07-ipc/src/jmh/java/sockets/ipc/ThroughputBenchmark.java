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
 * Bulk throughput between two processes: writes of {@code size} bytes, one per operation, to an {@link IpcPeer}
 * that reads and discards them; the processes on different CPUs. Once buffers are full a write waits for the
 * reader, so writes per second measure the transfer, not the buffer. At the end the peer reports how many bytes
 * it read, and it must be every byte written. TCP keeps the kernel's default (Nagle on), as bulk senders do.
 * Three forks: on this 2-core machine a run can settle at one of two speeds for a while (seen for the ring and
 * the pipe), and more forks put both into the average and the error, rather than whichever came first.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ThroughputBenchmark {
    @Param({"tcp", "uds", "pipe", "shm", "shm-park"})
    public String transport;

    @Param({"64", "4096", "65536"})
    public int size;

    private IpcLink link;
    private byte[] chunk;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        link = IpcLink.open(transport, "sink", "split", false);
        chunk = new byte[size];
        for (int i = 0; i < size; i++) {
            chunk[i] = (byte) i;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            long read = link.endAndCount();
            if (read != link.sent()) {
                throw new IllegalStateException("the peer read " + read + " bytes of " + link.sent() + " written");
            }
        } finally {
            link.close();
        }
    }

    @Benchmark
    public int write() throws Exception {
        link.send(chunk, size);
        return size;
    }
}
