package sockets.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import sockets.common.Endpoints;
import sockets.common.PeerLog;
import sockets.common.Server;

/**
 * A UDP relay that misbehaves on purpose, the way a network may: it drops, duplicates and reorders
 * datagrams, each at its own rate, in both directions, from a seed, so that every loss scenario can be
 * replayed exactly. Each client gets its own socket towards the target, so replies find their way back.
 *
 * <p>UDP has no connections, so "a client" is only an address that sent something lately. The relay's
 * memory of them is bounded like any cache: a client silent for {@code idleMs} is forgotten, and past
 * {@code maxClients} (or when the process runs out of file descriptors) the one silent longest is
 * forgotten to make room. Any number of sources over time costs at most {@code maxClients} sockets. All
 * of it runs on one selector thread with one buffer. A target that is down makes the kernel answer with
 * ICMP port unreachable, which Java reports on the connected upstream socket as a
 * {@link PortUnreachableException}: one log line for that client, never the end of the relay.
 */
public final class LossyRelay implements Server {
    private volatile boolean closing;
    public static final int DEFAULT_MAX_CLIENTS = 256;
    public static final long DEFAULT_IDLE_MS = 60_000;
    /** Datagrams taken from one socket per turn, so one busy client cannot starve the others. */
    private static final int DATAGRAMS_PER_TURN = 64;
    private static final long UNREACHABLE_QUIET_MS = 10_000;

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
    private final int maxClients;
    private final long idleMs;
    private final PeerLog log;
    /** Access order: the first entry is the client silent longest. Touched by the loop thread only. */
    private final LinkedHashMap<SocketAddress, Client> clients = new LinkedHashMap<>(16, 0.75f, true);
    private final ByteBuffer in = ByteBuffer.allocate(UdpServer.MAX_DATAGRAM);
    private int clientsSeen;
    private long openFailures;
    private volatile int clientCount;
    private DatagramChannel front;
    private Selector selector;
    private Mangler toTarget;
    private Thread loop;

    public LossyRelay(InetSocketAddress bindAddress, InetSocketAddress target, Faults faults, PeerLog log) {
        this(bindAddress, target, faults, DEFAULT_MAX_CLIENTS, DEFAULT_IDLE_MS, log);
    }

    public LossyRelay(InetSocketAddress bindAddress, InetSocketAddress target, Faults faults, int maxClients,
                      long idleMs, PeerLog log) {
        if (maxClients < 1 || idleMs < 1) {
            throw new IllegalArgumentException("maxClients and idleMs must be at least 1");
        }
        this.bindAddress = bindAddress;
        this.target = target;
        this.faults = faults;
        this.maxClients = maxClients;
        this.idleMs = idleMs;
        this.log = log;
    }

    @Override
    public synchronized InetSocketAddress start() throws IOException {
        DatagramChannel opened = Datagrams.bind(bindAddress);
        try {
            opened.configureBlocking(false);
            selector = Selector.open();
            opened.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        front = opened;
        toTarget = new Mangler(new SplittableRandom(faults.seed()));
        loop = Thread.ofPlatform().name("lossy-relay").start(this::run);
        return (InetSocketAddress) opened.getLocalAddress();
    }

    /** Clients the relay remembers now: never more than {@code maxClients}. */
    public int clientCount() {
        return clientCount;
    }

    private void run() {
        try {
            while (!closing) {
                selector.select(Math.min(1_000, idleMs));
                // A copy: making room for a new client runs selectNow(), which adds to the selected set.
                List<SelectionKey> ready = new ArrayList<>(selector.selectedKeys());
                selector.selectedKeys().clear();
                for (SelectionKey key : ready) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.attachment() instanceof Client client) {
                        fromTarget(client);
                    } else {
                        fromClients();
                    }
                }
                forgetIdle();
            }
        } catch (IOException e) {
            if (!closing) {
                log.server(bindAddress, "relay failed: " + PeerLog.describe(e)); // the selector or front socket itself
            }
        } finally {
            for (Client client : clients.values()) {
                client.close();
            }
            clients.clear();
        }
    }

    private void fromClients() throws IOException {
        for (int i = 0; i < DATAGRAMS_PER_TURN; i++) {
            in.clear();
            SocketAddress from = front.receive(in);
            if (from == null) {
                return;
            }
            Client client = clients.get(from); // also marks it as heard from just now
            if (client == null) {
                client = remember(from);
                if (client == null) {
                    continue; // no socket could be had for it, even after making room: this datagram is lost
                }
            }
            client.lastHeard = System.nanoTime();
            Client to = client;
            toTarget.pass(copy(in.flip()), datagram -> to.toTarget(datagram));
        }
    }

    private void fromTarget(Client client) {
        for (int i = 0; i < DATAGRAMS_PER_TURN; i++) {
            in.clear();
            try {
                if (client.upstream.receive(in) == null) {
                    return;
                }
            } catch (PortUnreachableException e) {
                client.unreachable();
                return;
            } catch (IOException e) {
                log.event(client.address, "relay from target failed: " + PeerLog.describe(e));
                forget(client);
                return;
            }
            client.reachable = true;
            client.lastHeard = System.nanoTime();
            clients.get(client.address); // heard from: the last to be forgotten
            client.back.pass(copy(in.flip()), client::toClient);
        }
    }

    /** A new client: its own connected socket towards the target, making room first if need be. */
    private Client remember(SocketAddress address) {
        if (clients.size() >= maxClients) {
            forgetOldest();
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Client client = new Client(address);
                clients.put(address, client);
                clientCount = clients.size();
                if (openFailures > 0) {
                    log.server(bindAddress, "relaying new clients again after " + openFailures + " refused");
                    openFailures = 0;
                }
                return client;
            } catch (IOException e) {
                // Out of file descriptors, most likely: forget the oldest client and try once more.
                if (attempt == 1 || clients.isEmpty()) {
                    if (openFailures++ == 0) {
                        log.server(bindAddress, "cannot open a socket for a new client: " + PeerLog.describe(e)
                                + "; its datagrams are dropped until one can be had");
                    }
                    return null;
                }
                forgetOldest();
                try {
                    // A channel registered with a selector keeps its descriptor until its key is flushed by a
                    // selection: without this, the retry would find no descriptor free yet.
                    selector.selectNow();
                } catch (IOException selectFailed) {
                    return null;
                }
            }
        }
        return null;
    }

    private void forgetOldest() {
        Iterator<Client> oldest = clients.values().iterator();
        if (oldest.hasNext()) {
            Client client = oldest.next();
            oldest.remove();
            client.close();
            clientCount = clients.size();
        }
    }

    private void forgetIdle() {
        long now = System.nanoTime();
        Iterator<Client> byAge = clients.values().iterator();
        while (byAge.hasNext()) {
            Client client = byAge.next();
            if ((now - client.lastHeard) / 1_000_000 < idleMs) {
                return; // the rest were heard from more lately
            }
            byAge.remove();
            client.close();
        }
        clientCount = clients.size();
    }

    private void forget(Client client) {
        clients.remove(client.address);
        client.close();
        clientCount = clients.size();
    }

    private static ByteBuffer copy(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        return copy.put(data).flip();
    }

    /** One client: its address, its socket towards the target, and the faults on its way back. */
    private final class Client {
        final SocketAddress address;
        final DatagramChannel upstream;
        final Mangler back;
        long lastHeard = System.nanoTime();
        boolean reachable = true;
        long unreachableLoggedAt;

        Client(SocketAddress address) throws IOException {
            this.address = address;
            DatagramChannel channel = DatagramChannel.open();
            try {
                channel.configureBlocking(false);
                channel.connect(target); // only the target's datagrams come in, and ICMP errors are reported
                channel.register(selector, SelectionKey.OP_READ, this);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            this.upstream = channel;
            // Seeded by arrival order, not by the client's (ephemeral) port: the same run every time.
            this.back = new Mangler(new SplittableRandom(faults.seed() * 31 + ++clientsSeen));
        }

        void toTarget(ByteBuffer datagram) {
            try {
                upstream.write(datagram);
            } catch (PortUnreachableException e) {
                unreachable(); // an earlier datagram was refused; this one is lost too
            } catch (IOException e) {
                log.event(address, "relay to target failed: " + PeerLog.describe(e));
            }
        }

        void toClient(ByteBuffer datagram) {
            try {
                front.send(datagram, address);
            } catch (IOException e) {
                log.event(address, "relay back failed: " + PeerLog.describe(e));
            }
        }

        /**
         * One line per outage per client, and at most one in {@value #UNREACHABLE_QUIET_MS} ms: ICMP errors
         * for datagrams sent during an outage can still arrive after the target's first answer.
         */
        void unreachable() {
            long now = System.nanoTime();
            boolean quiet = unreachableLoggedAt != 0 && (now - unreachableLoggedAt) / 1_000_000 < UNREACHABLE_QUIET_MS;
            if (reachable && !quiet) {
                unreachableLoggedAt = now;
                log.event(address, "target " + Endpoints.format(target)
                        + " unreachable (ICMP port unreachable): its datagrams are lost until it answers");
            }
            reachable = false;
        }

        void close() {
            try {
                upstream.close(); // also cancels its key
            } catch (IOException e) {
                // forgetting it: nothing more to do
            }
        }
    }

    /** The faults for one direction: its own seeded random stream, and at most one datagram held back. */
    private final class Mangler {
        private final SplittableRandom random; // mixes its seed well: java.util.Random's first draws barely differ for small seeds
        private ByteBuffer held;

        Mangler(SplittableRandom random) {
            this.random = random;
        }

        void pass(ByteBuffer datagram, Consumer<ByteBuffer> send) {
            if (random.nextDouble() < faults.drop()) {
                return;
            }
            if (held == null && random.nextDouble() < faults.reorder()) {
                held = datagram; // goes out after the next one
                return;
            }
            send.accept(datagram.duplicate());
            if (random.nextDouble() < faults.duplicate()) {
                send.accept(datagram.duplicate());
            }
            if (held != null) {
                ByteBuffer late = held;
                held = null;
                send.accept(late);
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            if (front != null) {
                selector.wakeup();
                loop.join(5_000);
                front.close();
                selector.close();
            }
        } catch (IOException e) {
            // closing to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
