package sockets.blocking;

import java.io.IOException;
import java.net.Socket;

/**
 * A {@link ConnectionHandler} that needs nothing TCP-specific (no timeouts, no linger): only the two streams
 * and half-close. Such a handler runs unchanged over any stream transport that offers a {@link Connection}.
 */
@FunctionalInterface
public interface StreamHandler extends ConnectionHandler {

    void handle(Connection connection) throws IOException;

    @Override
    default void handle(Socket socket) throws IOException {
        handle(Connection.of(socket));
    }
}
