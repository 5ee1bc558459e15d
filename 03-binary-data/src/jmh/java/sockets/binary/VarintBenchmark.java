package sockets.binary;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Varint against fixed 64-bit width, encoding and decoding a million values of each distribution. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@OperationsPerInvocation(VarintBenchmark.VALUES)
public class VarintBenchmark {
    static final int VALUES = 1_000_000;

    @Param({"MOSTLY_ZERO_AND_ONE", "UNIFORM_32", "UNIFORM_64"})
    public SizeTable.Distribution distribution;

    private long[] values;
    private ByteBuffer varints;
    private ByteBuffer fixed;

    @Setup
    public void setUp() throws BinaryFormatException {
        LongSupplier source = distribution.values(new Random(868));
        values = new long[VALUES];
        for (int i = 0; i < VALUES; i++) {
            values[i] = distribution.signed() ? Varint.zigzag(source.getAsLong()) : source.getAsLong();
        }
        varints = ByteBuffer.allocate(VALUES * Varint.MAX_BYTES);
        fixed = ByteBuffer.allocate(VALUES * 8);
        encodeVarint();
        encodeFixed();
        if (decodeVarint() != decodeFixed()) {
            throw new IllegalStateException("varint and fixed decoded different values");
        }
    }

    @Benchmark
    public ByteBuffer encodeVarint() {
        varints.clear();
        for (long v : values) {
            Varint.write(v, varints);
        }
        return varints.flip();
    }

    @Benchmark
    public ByteBuffer encodeFixed() {
        fixed.clear();
        for (long v : values) {
            fixed.putLong(v);
        }
        return fixed.flip();
    }

    @Benchmark
    public long decodeVarint() throws BinaryFormatException {
        ByteBuffer in = varints.duplicate();
        long sum = 0;
        for (int i = 0; i < VALUES; i++) {
            sum += Varint.read(in);
        }
        return sum;
    }

    @Benchmark
    public long decodeFixed() {
        ByteBuffer in = fixed.duplicate();
        long sum = 0;
        for (int i = 0; i < VALUES; i++) {
            sum += in.getLong();
        }
        return sum;
    }
}
