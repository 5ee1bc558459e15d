package sockets.blocking;

import java.io.IOException;
import java.net.Socket;

/**
 * Serves one accepted connection on a blocking socket, in a thread of its own.
 * The server closes the socket when this returns or throws; an {@link IOException} is logged
 * as that peer's fault and disturbs no other connection.
 */
@FunctionalInterface
public interface ConnectionHandler {
    void handle(Socket socket) throws IOException;
}
