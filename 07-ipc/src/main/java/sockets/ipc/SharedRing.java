package sockets.ipc;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

/**
 * A single-producer single-consumer byte ring in a memory-mapped file: two processes that map the same
 * file share these bytes with no system call per message. It is a byte stream, like a pipe: messages go
 * over it with chapter 02's framing, so a message may be larger than the ring.
 * <pre>
 * +-------------------+-------------------+-------------------+------------------------------+
 * | head (u64)        | tail (u64)        | closed (u64)      | data: capacity bytes         |
 * | bytes written     | bytes read        | producer is done  | (a power of two)             |
 * | offset 0          | offset 64         | offset 128        | offset 192                   |
 * +-------------------+-------------------+-------------------+------------------------------+
 * </pre>
 * Ordering: the producer writes data with plain stores, then publishes {@code head} with a release store;
 * the consumer reads {@code head} with an acquire load, and only then the data below it: it can never see a
 * byte before it is published. The same in reverse for {@code tail} (freed space). Each counter sits on its
 * own cache line. Waiting spins briefly ({@code Thread.onSpinWait}) and then parks for growing moments: on
 * two cores, two pure spinners can starve the very process they are waiting for.
 */
public final class SharedRing implements AutoCloseable {
    private static final int HEAD = 0;
    private static final int TAIL = 64;
    private static final int CLOSED = 128;
    private static final int DATA = 192;
    private static final int SPINS = 200;
    private static final long MAX_PARK_NS = 1_000_000;
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final FileChannel file;
    private final MappedByteBuffer map;
    private final int capacity;
    private final int mask;

    private SharedRing(FileChannel file, MappedByteBuffer map, int capacity) {
        this.file = file;
        this.map = map;
        this.capacity = capacity;
        this.mask = capacity - 1;
    }

    /** Maps {@code path} (created and sized if new) as a ring of {@code capacity} bytes, a power of two. */
    public static SharedRing map(Path path, int capacity) throws IOException {
        if (capacity < 8 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two, at least 8: " + capacity);
        }
        FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        MappedByteBuffer map = file.map(FileChannel.MapMode.READ_WRITE, 0, DATA + capacity);
        return new SharedRing(file, map, capacity);
    }

    /** The producer's end: writes block (spin, then park) while the ring is full. */
    public OutputStream producer() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                long head = (long) LONG.getOpaque(map, HEAD);
                while (len > 0) {
                    long tail = awaitChange(TAIL, head - capacity, true);
                    int n = (int) Math.min(len, capacity - (head - tail));
                    for (int i = 0; i < n; i++) {
                        map.put(DATA + (int) ((head + i) & mask), b[off + i]);
                    }
                    head += n;
                    LONG.setRelease(map, HEAD, head); // publish: everything above is visible before this
                    off += n;
                    len -= n;
                }
            }

            @Override
            public void close() {
                LONG.setRelease(map, CLOSED, 1L);
            }
        };
    }

    /** The consumer's end: reads block while the ring is empty; -1 once the producer has closed and all is read. */
    public InputStream consumer() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                long tail = (long) LONG.getOpaque(map, TAIL);
                long head = awaitChange(HEAD, tail, false);
                if (head == tail) {
                    return -1; // closed, and nothing left
                }
                int n = (int) Math.min(len, head - tail);
                for (int i = 0; i < n; i++) {
                    b[off + i] = map.get(DATA + (int) ((tail + i) & mask));
                }
                LONG.setRelease(map, TAIL, tail + n); // the space is free again
                return n;
            }
        };
    }

    /**
     * Waits until the counter at {@code offset} differs from {@code value} (acquire), spinning then parking.
     * For the consumer, a close ends the wait too (then the counter may still equal {@code value}).
     */
    private long awaitChange(int offset, long value, boolean producer) throws IOException {
        long parkNs = 1_000;
        for (int spin = 0; ; spin++) {
            long now = (long) LONG.getAcquire(map, offset);
            if (now != value) {
                return now;
            }
            if (!producer && (long) LONG.getAcquire(map, CLOSED) == 1L) {
                return (long) LONG.getAcquire(map, offset); // re-read: the last bytes may have come with the close
            }
            if (spin < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(parkNs);
                parkNs = Math.min(parkNs * 2, MAX_PARK_NS);
                if (Thread.interrupted()) {
                    throw new InterruptedIOException("interrupted while waiting on the ring");
                }
            }
        }
    }

    public int capacity() {
        return capacity;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
