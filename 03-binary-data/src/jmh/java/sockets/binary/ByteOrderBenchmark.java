package sockets.binary;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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

/**
 * Writing and reading a million big-endian 32- or 64-bit values, five ways: a heap {@link ByteBuffer}, a
 * direct one, {@link DataOutputStream}/{@link DataInputStream} over byte arrays, a {@link VarHandle} view of
 * a byte array, and shifts by hand. Values per second; every variant produces the same bytes (checked in
 * set-up) and returns a result that depends on all of them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@OperationsPerInvocation(ByteOrderBenchmark.VALUES)
public class ByteOrderBenchmark {
    static final int VALUES = 1_000_000;
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    @Param({"32", "64"})
    public int bits;

    private long[] values;
    private byte[] array;
    private byte[] encoded;
    private ByteBuffer heap;
    private ByteBuffer direct;
    private ByteArrayOutputStream stream;

    @Setup
    public void setUp() throws IOException {
        Random random = new Random(32);
        values = new long[VALUES];
        for (int i = 0; i < VALUES; i++) {
            values[i] = bits == 32 ? random.nextInt() : random.nextLong();
        }
        int size = VALUES * bits / 8;
        array = new byte[size];
        heap = ByteBuffer.allocate(size);
        direct = ByteBuffer.allocateDirect(size);
        stream = new ByteArrayOutputStream(size);
        writeShifts();
        encoded = array.clone();
        byte[][] outputs = {copy(writeHeap()), copy(writeDirect()), writeDataOutputStream(), writeVarHandle()};
        for (byte[] output : outputs) {
            if (!java.util.Arrays.equals(encoded, output)) {
                throw new IllegalStateException("a variant wrote different bytes");
            }
        }
        long expected = readShifts();
        if (readHeap() != expected || readDirect() != expected || readDataInputStream() != expected
                || readVarHandle() != expected) {
            throw new IllegalStateException("a variant read different values");
        }
    }

    private static byte[] copy(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.limit()];
        buffer.duplicate().rewind().get(bytes);
        return bytes;
    }

    @Benchmark
    public ByteBuffer writeHeap() {
        return write(heap);
    }

    @Benchmark
    public ByteBuffer writeDirect() {
        return write(direct);
    }

    private ByteBuffer write(ByteBuffer out) {
        out.clear();
        if (bits == 32) {
            for (long v : values) {
                out.putInt((int) v);
            }
        } else {
            for (long v : values) {
                out.putLong(v);
            }
        }
        return out.flip();
    }

    @Benchmark
    public byte[] writeDataOutputStream() throws IOException {
        stream.reset();
        DataOutputStream out = new DataOutputStream(stream);
        if (bits == 32) {
            for (long v : values) {
                out.writeInt((int) v);
            }
        } else {
            for (long v : values) {
                out.writeLong(v);
            }
        }
        return stream.toByteArray();
    }

    @Benchmark
    public byte[] writeVarHandle() {
        if (bits == 32) {
            for (int i = 0; i < VALUES; i++) {
                INT_BE.set(array, i * 4, (int) values[i]);
            }
        } else {
            for (int i = 0; i < VALUES; i++) {
                LONG_BE.set(array, i * 8, values[i]);
            }
        }
        return array;
    }

    @Benchmark
    public byte[] writeShifts() {
        int at = 0;
        for (long v : values) {
            for (int shift = bits - 8; shift >= 0; shift -= 8) {
                array[at++] = (byte) (v >>> shift);
            }
        }
        return array;
    }

    @Benchmark
    public long readHeap() {
        return read(ByteBuffer.wrap(encoded));
    }

    @Benchmark
    public long readDirect() {
        direct.clear().put(encoded).flip();
        return read(direct);
    }

    private long read(ByteBuffer in) {
        long sum = 0;
        if (bits == 32) {
            for (int i = 0; i < VALUES; i++) {
                sum += in.getInt();
            }
        } else {
            for (int i = 0; i < VALUES; i++) {
                sum += in.getLong();
            }
        }
        return sum;
    }

    @Benchmark
    public long readDataInputStream() throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
        long sum = 0;
        if (bits == 32) {
            for (int i = 0; i < VALUES; i++) {
                sum += in.readInt();
            }
        } else {
            for (int i = 0; i < VALUES; i++) {
                sum += in.readLong();
            }
        }
        return sum;
    }

    @Benchmark
    public long readVarHandle() {
        long sum = 0;
        if (bits == 32) {
            for (int i = 0; i < VALUES; i++) {
                sum += (int) INT_BE.get(encoded, i * 4);
            }
        } else {
            for (int i = 0; i < VALUES; i++) {
                sum += (long) LONG_BE.get(encoded, i * 8);
            }
        }
        return sum;
    }

    @Benchmark
    public long readShifts() {
        long sum = 0;
        int width = bits / 8;
        for (int i = 0, at = 0; i < VALUES; i++) {
            long v = 0;
            for (int b = 0; b < width; b++) {
                v = (v << 8) | (encoded[at++] & 0xff);
            }
            sum += bits == 32 ? (int) v : v;
        }
        return sum;
    }
}
