package sockets.binary;

import java.io.IOException;
import java.net.Socket;
import java.time.Clock;
import sockets.blocking.ConnectionHandler;

/** Serves RFC 868 over TCP: on connect, send the 4-byte time, then close. Nothing is read. */
public final class TimeHandler implements ConnectionHandler {
    private final Clock clock;

    public TimeHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void handle(Socket socket) throws IOException {
        socket.getOutputStream().write(TimeProtocol.encode(clock.instant()));
        socket.shutdownOutput(); // the end of the reply is the end of the stream
    }
}
