package sockets.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import sockets.blocking.PeerLog;
import sockets.blocking.LifecycleServer;

/**
 * A UDP relay that misbehaves on purpose, the way a network may: it drops, duplicates and reorders
 * datagrams, each at its own rate, in both directions, from a seed, so that every loss scenario can be
 * replayed exactly. Each client gets its own socket towards the target, so replies find their way back.
 */
public final class LossyRelay extends LifecycleServer {

    /** Rates from 0 to 1. Reorder: hold a datagram back and send it after the next one. */
    public record Faults(double drop, double duplicate, double reorder, long seed) {
        public Faults {
            for (double rate : new double[] {drop, duplicate, reorder}) {
                if (rate < 0 || rate > 1) {
                    throw new IllegalArgumentException("rates must be from 0 to 1, not " + rate);
                }
            }
        }
    }

    private final InetSocketAddress bindAddress;
    private final InetSocketAddress target;
    private final Faults faults;
    private final PeerLog log;
    private final Map<SocketAddress, DatagramChannel> upstreams = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger clientsSeen = new java.util.concurrent.atomic.AtomicInteger();
    private DatagramChannel front;
    private Thread loop;

    public LossyRelay(InetSocketAddress bindAddress, InetSocketAddress target, Faults faults, PeerLog log) {
        this.bindAddress = bindAddress;
        this.target = target;
        this.faults = faults;
        this.log = log;
    }

    @Override
    public synchronized InetSocketAddress start() throws IOException {
        DatagramChannel opened = Datagrams.bind(bindAddress);
        front = opened;
        Mangler toTarget = new Mangler(new SplittableRandom(faults.seed()));
        loop = Thread.ofPlatform().name("lossy-relay").start(() -> forward(toTarget));
        return (InetSocketAddress) opened.getLocalAddress();
    }

    private void forward(Mangler mangler) {
        ByteBuffer in = ByteBuffer.allocate(UdpServer.MAX_DATAGRAM);
        try {
            while (!closing()) {
                in.clear();
                SocketAddress client = front.receive(in);
                DatagramChannel upstream = upstreams.computeIfAbsent(client, this::openUpstream);
                if (upstream != null) {
                    mangler.pass(copy(in.flip()), datagram -> upstream.send(datagram, target));
                }
            }
        } catch (AsynchronousCloseException e) {
            // close() ended the relay
        } catch (IOException e) {
            if (!closing()) {
                log.event(bindAddress, "relay failed: " + e.getMessage());
            }
        }
    }

    private DatagramChannel openUpstream(SocketAddress client) {
        try {
            DatagramChannel upstream = DatagramChannel.open();
            upstream.connect(target);
            // Seeded by arrival order, not by the client's (ephemeral) port: the same run every time.
            Mangler back = new Mangler(new SplittableRandom(faults.seed() * 31 + clientsSeen.incrementAndGet()));
            Thread.ofVirtual().name("lossy-relay-back").start(() -> {
                ByteBuffer in = ByteBuffer.allocate(UdpServer.MAX_DATAGRAM);
                try {
                    while (!closing()) {
                        in.clear();
                        upstream.receive(in);
                        back.pass(copy(in.flip()), datagram -> front.send(datagram, client));
                    }
                } catch (IOException e) {
                    // the relay closed (or the target is unreachable): this client's return path ends
                }
            });
            return upstream;
        } catch (IOException e) {
            log.fault(client, e);
            return null;
        }
    }

    private static ByteBuffer copy(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        return copy.put(data).flip();
    }

    /** The faults for one direction: its own seeded random stream, and at most one datagram held back. */
    private final class Mangler {
        private final SplittableRandom random; // mixes its seed well: java.util.Random's first draws barely differ for small seeds
        private ByteBuffer held;

        Mangler(SplittableRandom random) {
            this.random = random;
        }

        synchronized void pass(ByteBuffer datagram, Sender send) throws IOException {
            if (random.nextDouble() < faults.drop()) {
                return;
            }
            if (held == null && random.nextDouble() < faults.reorder()) {
                held = datagram; // goes out after the next one
                return;
            }
            send.send(datagram.duplicate());
            if (random.nextDouble() < faults.duplicate()) {
                send.send(datagram.duplicate());
            }
            if (held != null) {
                ByteBuffer late = held;
                held = null;
                send.send(late);
            }
        }
    }

    @FunctionalInterface
    private interface Sender {
        void send(ByteBuffer datagram) throws IOException;
    }

    @Override
    protected void stop() {
        try {
            if (front != null) {
                front.close();
                loop.join(5_000);
            }
            for (DatagramChannel upstream : upstreams.values()) {
                upstream.close();
            }
        } catch (IOException e) {
            // closing to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
