package sockets.select;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import sockets.blocking.Clients;
import sockets.common.Endpoints;
import sockets.common.PeerLog;
import sockets.framing.Framing;

/**
 * A load generator for echo servers, itself one thread and one {@link Selector}: many connections, each
 * sending a message and waiting for its whole echo before the next, checking every byte. Latency is the
 * time from a message's first write to its echo's last byte, recorded in an HdrHistogram.
 */
public final class LoadGenerator {
    private static final long MAX_LATENCY_NS = TimeUnit.SECONDS.toNanos(60);

    /** What to do: {@code messages} per connection (0: until {@code duration}); {@code duration} ZERO: no limit. */
    /**
     * {@code framing}: null for raw bytes (an echo server); else each message is one frame of a {@code size}-byte
     * payload (a frame echo server answers with the same bytes).
     */
    public record Settings(InetSocketAddress target, int connections, long messages, int size, Duration duration,
                           PrintStream progress, Framing framing) {
        public Settings {
            if (connections < 1 || size < 1 || messages < 0) {
                throw new IllegalArgumentException("connections and size must be at least 1, messages 0 or more");
            }
            if (messages == 0 && duration.isZero()) {
                throw new IllegalArgumentException("give a number of messages, a duration, or both");
            }
        }
    }

    /**
     * What happened. {@code failed}: connections that ended in an error, the first of them described in
     * {@code firstFault} (null if none failed); {@code wrong}: echoes that differed.
     */
    public record Report(int connections, long messages, long bytes, int failed, long wrong, Duration elapsed,
                         Histogram latency, String firstFault) {
        public double messagesPerSecond() {
            return messages / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }

        public String format() {
            return String.format("""
                    connections %,d (%,d failed), messages %,d (%,d wrong), %,d bytes echoed in %.2f s
                    throughput  %,.0f messages/s, %.1f MB/s
                    latency     p50 %,d us, p90 %,d us, p99 %,d us, p99.9 %,d us, max %,d us""",
                    connections, failed, messages, wrong, bytes, elapsed.toNanos() / 1e9, messagesPerSecond(),
                    bytes / Math.max(1e-9, elapsed.toNanos() / 1e9) / 1e6, micros(50), micros(90), micros(99),
                    micros(99.9), latency.getMaxValue() / 1000);
        }

        private long micros(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1000;
        }
    }

    private LoadGenerator() {
    }

    public static Report run(Settings settings) throws IOException {
        Histogram latency = new Histogram(MAX_LATENCY_NS, 3);
        List<Client> clients = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = settings.duration().isZero() ? Long.MAX_VALUE : start + settings.duration().toNanos();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < settings.connections(); i++) {
                Client client = new Client(i, settings);
                clients.add(client);
                client.connect(selector);
            }
            int active = clients.size();
            long nextProgress = start + TimeUnit.SECONDS.toNanos(1);
            while (active > 0 && System.nanoTime() < deadline) {
                selector.select(100);
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    Client client = (Client) key.attachment();
                    if (key.isValid() && !client.step(key, latency)) {
                        active--;
                    }
                }
                long now = System.nanoTime();
                if (settings.progress() != null && now >= nextProgress) {
                    settings.progress().printf("progress: %,d messages, %,d connections active, %.1f s%n",
                            latency.getTotalCount(), active, (now - start) / 1e9);
                    nextProgress = now + TimeUnit.SECONDS.toNanos(1);
                }
            }
        } finally {
            for (Client client : clients) {
                client.close();
            }
        }
        long messages = latency.getTotalCount();
        int failed = (int) clients.stream().filter(c -> c.failed).count();
        long wrong = clients.stream().mapToLong(c -> c.wrong).sum();
        String firstFault = clients.stream().filter(c -> c.fault != null).findFirst()
                .map(c -> Endpoints.format(settings.target()) + ": " + PeerLog.describe(c.fault)).orElse(null);
        return new Report(settings.connections(), messages, messages * settings.size(), failed, wrong,
                Duration.ofNanos(System.nanoTime() - start), latency, firstFault);
    }

    /**
     * The other way to load a server, as a request-response program talks to it: one connection, one message
     * in flight, a blocking client that writes a message and reads its whole echo before the next. A closed
     * loop of many connections measures what the server can carry; this measures one round trip, which the
     * many connections' throughput hides. {@code settings.connections()} must be 1.
     */
    public static Report pingPong(Settings settings) throws IOException {
        if (settings.connections() != 1) {
            throw new IllegalArgumentException("ping-pong uses one connection, not " + settings.connections());
        }
        Histogram latency = new Histogram(MAX_LATENCY_NS, 3);
        byte[] message = message(0, settings);
        long start = System.nanoTime();
        long deadline = settings.duration().isZero() ? Long.MAX_VALUE : start + settings.duration().toNanos();
        long wrong = 0;
        String fault = null;
        try (Socket socket = Clients.connect(settings.target(), 10_000)) {
            socket.setTcpNoDelay(true); // one small message at a time: never held back waiting for an ACK
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long nextProgress = start + TimeUnit.SECONDS.toNanos(1);
            for (long n = 0; (settings.messages() == 0 || n < settings.messages()) && System.nanoTime() < deadline; n++) {
                long sent = System.nanoTime();
                out.write(message);
                byte[] echo = in.readNBytes(message.length);
                long now = System.nanoTime();
                latency.recordValue(Math.min(MAX_LATENCY_NS, now - sent));
                if (echo.length < message.length) {
                    throw new EOFException("the server closed after " + echo.length + " of " + message.length
                            + " bytes of an echo");
                }
                wrong += Arrays.equals(message, echo) ? 0 : 1;
                if (settings.progress() != null && now >= nextProgress) {
                    settings.progress().printf("progress: %,d messages, 1 connection, %.1f s%n", n + 1, (now - start) / 1e9);
                    nextProgress = now + TimeUnit.SECONDS.toNanos(1);
                }
            }
        } catch (IOException e) {
            fault = Endpoints.format(settings.target()) + ": " + PeerLog.describe(e);
        }
        long messages = latency.getTotalCount();
        return new Report(1, messages, messages * settings.size(), fault == null ? 0 : 1, wrong,
                Duration.ofNanos(System.nanoTime() - start), latency, fault);
    }

    /** Connection {@code index}'s message: its own random bytes, framed as {@code settings} say. */
    private static byte[] message(int index, Settings settings) {
        byte[] payload = new byte[settings.size()];
        new Random(index).nextBytes(payload); // each connection its own bytes: a mix-up cannot pass
        if (settings.framing() != null && settings.framing().name().equals("line")) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] = payload[i] == '\n' ? (byte) ' ' : payload[i]; // a line cannot hold its delimiter
            }
        }
        return settings.framing() == null ? payload : settings.framing().encode(payload);
    }

    /** One connection: its message, the echo being collected, and how far it has got. */
    private static final class Client {
        final Settings settings;
        final byte[] message;
        final ByteBuffer out;
        final ByteBuffer in;
        SocketChannel channel;
        long sentAt;
        long done;
        long wrong;
        boolean failed;
        IOException fault;

        Client(int index, Settings settings) {
            this.settings = settings;
            this.message = message(index, settings);
            this.out = ByteBuffer.wrap(message);
            this.in = ByteBuffer.allocate(message.length);
        }

        void connect(Selector selector) throws IOException {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            boolean now = channel.connect(settings.target());
            channel.register(selector, now ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, this);
            sentAt = System.nanoTime();
        }

        /** Advances on readiness; false when this connection is finished (done or failed). */
        boolean step(SelectionKey key, Histogram latency) {
            try {
                if (key.isConnectable()) {
                    channel.finishConnect();
                    sentAt = System.nanoTime();
                    key.interestOps(SelectionKey.OP_WRITE);
                    return true;
                }
                if (key.isWritable()) {
                    channel.write(out);
                    if (!out.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                }
                if (key.isReadable()) {
                    if (channel.read(in) == -1) {
                        throw new IOException("server closed after " + done + " echoes");
                    }
                    if (!in.hasRemaining()) {
                        latency.recordValue(Math.min(System.nanoTime() - sentAt, MAX_LATENCY_NS));
                        if (!Arrays.equals(in.array(), message)) {
                            wrong++;
                        }
                        done++;
                        if (settings.messages() > 0 && done >= settings.messages()) {
                            close();
                            return false;
                        }
                        in.clear();
                        out.rewind();
                        sentAt = System.nanoTime();
                        key.interestOps(SelectionKey.OP_WRITE);
                    }
                }
                return true;
            } catch (IOException e) {
                failed = true;
                fault = e;
                close();
                return false;
            }
        }

        void close() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                // finished with it either way
            }
        }
    }
}
