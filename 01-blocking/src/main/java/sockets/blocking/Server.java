package sockets.blocking;

import java.io.IOException;
import java.net.InetSocketAddress;

/** A server that binds when started and serves until closed. */
public interface Server extends AutoCloseable {

    /** Binds and starts serving; returns the address really bound (port 0 becomes a real port). */
    InetSocketAddress start() throws IOException;

    /** Blocks until {@link #close()} has finished. */
    void awaitClosed() throws InterruptedException;

    /** Stops accepting, closes every connection, and waits for the serving threads to end. */
    @Override
    void close();
}
