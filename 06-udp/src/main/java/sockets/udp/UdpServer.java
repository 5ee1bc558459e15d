package sockets.udp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import sockets.common.PeerLog;
import sockets.common.Server;

/**
 * A UDP server: one socket, one loop, no accept and no connections. Receive a datagram (and who sent
 * it), answer it, receive the next. A bad datagram costs its sender one log line and nothing else.
 *
 * <p>The sender's address is whatever the datagram says: nothing checks it. A datagram forged to come from
 * this server's own address makes it answer itself, then answer that answer, forever; one forged to come
 * from another echo or time service starts the same loop between the two. So the loop refuses (logs, does
 * not answer) a datagram from its own address, and one from a well-known port (0 to 1023, where those
 * services live and no ordinary client sends from) unless the handler says its replies are never answered.
 */
public final class UdpServer implements Server {
    private volatile boolean closing;
    /** The largest UDP payload over IPv4: 65,535 - 20 (IP header) - 8 (UDP header). */
    public static final int MAX_DATAGRAM = 65_507;

    private final InetSocketAddress bindAddress;
    private final DatagramHandler handler;
    private final PeerLog log;
    private DatagramChannel channel;
    private InetSocketAddress self;
    private Thread loop;

    public UdpServer(InetSocketAddress bindAddress, DatagramHandler handler, PeerLog log) {
        this.bindAddress = bindAddress;
        this.handler = handler;
        this.log = log;
    }

    @Override
    public synchronized InetSocketAddress start() throws IOException {
        DatagramChannel opened = Datagrams.bind(bindAddress);
        channel = opened;
        InetSocketAddress bound = (InetSocketAddress) opened.getLocalAddress();
        self = bound;
        loop = Thread.ofPlatform().name("udp-" + bound.getPort()).start(this::serve);
        return bound;
    }

    private void serve() {
        ByteBuffer in = ByteBuffer.allocate(MAX_DATAGRAM + 1); // one byte more than a datagram can hold: no silent cut
        long failures = 0;
        while (!closing) {
            SocketAddress from;
            try {
                in.clear();
                from = channel.receive(in);
            } catch (AsynchronousCloseException e) {
                return; // close() closed the channel under receive(): the way this loop ends
            } catch (IOException e) {
                // Out of buffers, say. Not any one sender's doing: logged once, retried after a pause.
                if (!closing && failures++ == 0) {
                    log.server(bindAddress, "receive failed: " + PeerLog.describe(e) + "; retrying");
                }
                pause();
                continue;
            }
            failures = 0;
            String refused = refusal((InetSocketAddress) from);
            if (refused != null) {
                log.event(from, "not answered: " + refused);
                continue;
            }
            in.flip();
            try {
                ByteBuffer reply = handler.handle(in.asReadOnlyBuffer(), from);
                if (reply != null) {
                    channel.send(reply, from);
                }
            } catch (IOException e) {
                log.fault(from, e); // this datagram only (and rate-limited): the next one is served as usual
            } catch (RuntimeException | Error e) {
                log.event(from, "handler failed: " + e);
            }
        }
    }

    /**
     * Why a datagram from {@code from} must not be answered, or null. Our own address is our port on the
     * address we bound, or, bound to the wildcard, on any address of this machine.
     */
    private String refusal(InetSocketAddress from) {
        if (from.getPort() == self.getPort() && isOurs(from.getAddress())) {
            return "it claims to come from this server's own address (answering would start a loop)";
        }
        if (from.getPort() < 1024 && !handler.answersWellKnownPorts()) {
            return "it comes from well-known port " + from.getPort()
                    + ", where services that answer datagrams live (answering could start a loop)";
        }
        return null;
    }

    private boolean isOurs(InetAddress address) {
        if (!self.getAddress().isAnyLocalAddress()) {
            return self.getAddress().equals(address);
        }
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return true; // cannot tell: the safe answer is not to answer
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
            if (channel != null) {
                channel.close();
                loop.join(5_000);
            }
        } catch (IOException e) {
            // closing to stop: nothing more to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
