package sockets.blocking;

import java.io.IOException;
import java.net.SocketAddress;

/** A server that binds when started and serves until closed. */
public interface Server extends AutoCloseable {

    /**
     * Binds and starts serving; returns the address really bound (port 0 becomes a real port). TCP and UDP
     * servers return an {@code InetSocketAddress}; a Unix domain socket server its path's address.
     */
    SocketAddress start() throws IOException;

    /** Blocks until {@link #close()} has finished. */
    void awaitClosed() throws InterruptedException;

    /** Stops accepting, closes every connection, and waits for the serving threads to end. */
    @Override
    void close();
}
