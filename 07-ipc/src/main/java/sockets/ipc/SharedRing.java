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
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import sockets.framing.LengthPrefixFraming;

/**
 * A single-producer single-consumer byte ring in a memory-mapped file: two processes that map the same
 * file share these bytes with no system call per message. It is a byte stream, like a pipe: messages go
 * over it with chapter 02's framing, so a message may be larger than the ring.
 * <pre>
 * +-------------------+-------------------+------------------------+------------------------------+
 * | head (u64)        | tail (u64)        | closed (u64)           | data: capacity bytes         |
 * | bytes written     | bytes read        | producer is done;      | (a power of two)             |
 * |                   |                   | +8 magic, +16 capacity |                              |
 * | offset 0          | offset 64         | offset 128             | offset 192                   |
 * +-------------------+-------------------+------------------------+------------------------------+
 * </pre>
 * A file is only ever used as a ring if it is one: the side that creates it (owner-only) writes the capacity,
 * then a magic number; the other side checks both before it writes anything. A file that is not a ring of
 * this size (a user's file, a ring of another size) is refused with one line, unchanged and never grown; so
 * are counters that no ring could have (more unread bytes than the ring holds).
 * Ordering: the producer writes data with plain stores, then publishes {@code head} with a release store;
 * the consumer reads {@code head} with an acquire load, and only then the data below it: it can never see a
 * byte before it is published. The same in reverse for {@code tail} (freed space). Each counter sits on its
 * own cache line. Waiting spins briefly ({@code Thread.onSpinWait}), then yields the CPU a while, then parks
 * for growing moments: on two cores, two pure spinners can starve the very process they are waiting for, and
 * when both processes share one CPU only giving it up lets the other side answer (see {@link Backoff}).
 */
public final class SharedRing implements AutoCloseable {
    /** How messages are framed on a ring here: chapter 02's length prefix, up to 1 MiB. */
    public static final LengthPrefixFraming FRAMING = new LengthPrefixFraming(1024 * 1024);

    private static final int HEAD = 0;
    private static final int TAIL = 64;
    private static final int CLOSED = 128;
    private static final int MAGIC = 136;
    private static final int CAPACITY = 144;
    private static final int DATA = 192;
    /** "SOCKRING" in ASCII: set last by the side that creates the ring, so the other knows the header is ready. */
    private static final long RING_MAGIC = 0x534F434B52494E47L;
    /** How long a side waits for the other to finish setting up a ring it has just created. */
    private static final long SET_UP_NS = 2_000_000_000L;
    private static final int SPINS = 200;
    private static final int YIELDS = 200;
    private static final long MAX_PARK_NS = 1_000_000;
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** How a side waits for the other once its brief spin is over. */
    public enum Backoff {
        /** Spin, then yield the CPU for a while, then park: the default. */
        SPIN_YIELD_PARK,
        /** Spin, then park at once; kept to measure what the yields are worth (chapter 07's benchmark). */
        SPIN_PARK
    }

    private final FileChannel file;
    private final MappedByteBuffer map;
    private final int capacity;
    private final int mask;
    private final int yields;

    private SharedRing(FileChannel file, MappedByteBuffer map, int capacity, Backoff backoff) {
        this.file = file;
        this.map = map;
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.yields = backoff == Backoff.SPIN_YIELD_PARK ? YIELDS : 0;
    }

    /** Maps {@code path} (created and sized if new) as a ring of {@code capacity} bytes, a power of two. */
    public static SharedRing map(Path path, int capacity) throws IOException {
        return map(path, capacity, Backoff.SPIN_YIELD_PARK);
    }

    /**
     * As {@link #map(Path, int)}, waiting the way {@code backoff} says. A new file is created owner-only and
     * set up as a ring; an existing one must already be a ring of {@code capacity} bytes (or become one within
     * a moment, when the other side has just created it), else an {@link IOException} says why in one line.
     */
    public static SharedRing map(Path path, int capacity, Backoff backoff) throws IOException {
        if (capacity < 8 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two, at least 8: " + capacity);
        }
        long size = DATA + (long) capacity;
        FileChannel file;
        boolean created;
        try {
            file = SocketFile.posix()
                    ? FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                            StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
            created = true;
        } catch (FileAlreadyExistsException e) {
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(path + " exists and is not a regular file; not touching it");
            }
            file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            created = false;
        }
        try {
            if (!created) {
                awaitSize(file, path, size); // mapping a shorter file would grow it: never for a file not ours
            }
            MappedByteBuffer map = file.map(FileChannel.MapMode.READ_WRITE, 0, size);
            if (created) {
                LONG.set(map, CAPACITY, (long) capacity);
                LONG.setRelease(map, MAGIC, RING_MAGIC); // last: the header is ready
            } else {
                checkHeader(map, path, capacity);
            }
            return new SharedRing(file, map, capacity, backoff);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /**
     * Waits until an existing file has the ring's size. Only an empty file may still grow (the other side
     * created it a moment ago and is mapping it); any other size is not a ring of this capacity.
     */
    private static void awaitSize(FileChannel file, Path path, long size) throws IOException {
        long deadline = System.nanoTime() + SET_UP_NS;
        long now = file.size();
        for (int i = 0; now == 0 && i < 10_000 && System.nanoTime() < deadline; i++) {
            LockSupport.parkNanos(1_000_000);
            now = file.size();
        }
        if (now != size) {
            throw new IOException(path + " is " + now + " bytes, not a ring of " + (size - DATA) + " bytes (" + size
                    + " with its header); not touching it (give its --capacity, or a new file)");
        }
    }

    /** Checks an existing ring's header and counters before this side writes anything to it. */
    private static void checkHeader(MappedByteBuffer map, Path path, int capacity) throws IOException {
        long deadline = System.nanoTime() + SET_UP_NS;
        long magic = (long) LONG.getAcquire(map, MAGIC);
        for (int i = 0; magic == 0 && i < 10_000 && System.nanoTime() < deadline; i++) {
            LockSupport.parkNanos(1_000_000); // the creator may be between sizing the file and writing the header
            magic = (long) LONG.getAcquire(map, MAGIC);
        }
        if (magic != RING_MAGIC) {
            throw new IOException(path + " is not a ring (no ring header); not touching it");
        }
        long theirs = (long) LONG.get(map, CAPACITY);
        if (theirs != capacity) {
            throw new IOException(path + " is a ring of " + theirs + " bytes, not " + capacity + " (give --capacity "
                    + theirs + ")");
        }
        checkCounters(path, (long) LONG.getAcquire(map, HEAD), (long) LONG.getAcquire(map, TAIL), capacity);
        long closed = (long) LONG.getAcquire(map, CLOSED);
        if (closed != 0 && closed != 1) {
            throw new IOException("corrupt ring " + path + ": its closed flag is " + closed + ", not 0 or 1");
        }
        if (closed == 1 && (long) LONG.getAcquire(map, HEAD) == (long) LONG.getAcquire(map, TAIL)) {
            throw new IOException(path + " is a finished ring (closed by its producer, every byte read): remove it or"
                    + " use a new file");
        }
    }

    /** Counters no ring can have: more unread bytes than it holds, or fewer than none. */
    private static void checkCounters(Object where, long head, long tail, int capacity) throws IOException {
        if (tail < 0 || head - tail < 0 || head - tail > capacity) {
            throw new IOException("corrupt ring " + where + ": head " + head + ", tail " + tail + " (at most "
                    + capacity + " bytes can be unread)");
        }
    }

    /** The producer's end: writes block (spin, yield, park) while the ring is full. */
    public OutputStream producer() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                long head = (long) LONG.getOpaque(map, HEAD);
                if ((long) LONG.getAcquire(map, CLOSED) != 0) {
                    throw new IOException("the ring is closed: its producer has finished (use a new file)");
                }
                while (len > 0) {
                    long tail = awaitChange(TAIL, head - capacity, true);
                    checkCounters("file", head, tail, capacity);
                    int n = (int) Math.min(len, capacity - (head - tail));
                    copy(head, b, off, n, true);
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
                checkCounters("file", head, tail, capacity);
                if (head == tail) {
                    return -1; // closed, and nothing left
                }
                int n = (int) Math.min(len, head - tail);
                copy(tail, b, off, n, false);
                LONG.setRelease(map, TAIL, tail + n); // the space is free again
                return n;
            }
        };
    }

    /** Copies {@code n} bytes between the ring at stream offset {@code at} and {@code b}: two pieces if it wraps. */
    private void copy(long at, byte[] b, int off, int n, boolean intoRing) {
        int start = (int) (at & mask);
        int first = Math.min(n, capacity - start);
        if (intoRing) {
            map.put(DATA + start, b, off, first).put(DATA, b, off + first, n - first);
        } else {
            map.get(DATA + start, b, off, first).get(DATA, b, off + first, n - first);
        }
    }

    /**
     * Waits until the counter at {@code offset} differs from {@code value} (acquire), spinning, yielding, then parking.
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
                Thread.onSpinWait(); // the other side has a CPU of its own: the answer is nanoseconds away
            } else if (spin < SPINS + yields) {
                Thread.yield(); // it may be waiting for this very CPU: hand it over
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
