package sockets.binary;

import java.io.IOException;
import java.time.Clock;
import sockets.blocking.Connection;
import sockets.blocking.StreamHandler;

/** Serves RFC 868 over TCP: on connect, send the 4-byte time, then close. Nothing is read. */
public final class TimeHandler implements StreamHandler {
    private final Clock clock;

    public TimeHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void handle(Connection connection) throws IOException {
        connection.output().write(TimeProtocol.encode(clock.instant()));
        connection.shutdownOutput(); // the end of the reply is the end of the stream
    }
}
