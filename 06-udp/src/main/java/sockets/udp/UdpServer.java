package sockets.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import sockets.common.PeerLog;
import sockets.common.Server;

/**
 * A UDP server: one socket, one loop, no accept and no connections. Receive a datagram (and who sent
 * it), answer it, receive the next. A bad datagram costs its sender one log line and nothing else.
 */
public final class UdpServer implements Server {
    private volatile boolean closing;
    /** The largest UDP payload over IPv4: 65,535 - 20 (IP header) - 8 (UDP header). */
    public static final int MAX_DATAGRAM = 65_507;

    private final InetSocketAddress bindAddress;
    private final DatagramHandler handler;
    private final PeerLog log;
    private DatagramChannel channel;
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
