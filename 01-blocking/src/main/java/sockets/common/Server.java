package sockets.common;

import java.io.IOException;
import java.net.SocketAddress;

/** A server that binds when started and serves until closed: all that {@link Servers} needs of one. */
public interface Server extends AutoCloseable {

    /**
     * Binds and starts serving; returns the address really bound (port 0 becomes a real port). TCP and UDP
     * servers return an {@code InetSocketAddress}; a Unix domain socket server its path's address.
     */
    SocketAddress start() throws IOException;

    /** Stops serving, closes every connection, and waits for the serving threads to end; later calls do nothing. */
    @Override
    void close();

    /**
     * Stops without silent loss: stops accepting and reading, sends what it already owes within
     * {@code drainMs}, then closes; a connection still owed bytes then is reset (a reset says "lost"), never
     * ended as if all were well. Returns what was cut. This default closes at once, for servers that owe
     * nothing between requests (UDP's).
     */
    default Stopped stop(long drainMs) {
        close();
        return Stopped.NOTHING;
    }
}
