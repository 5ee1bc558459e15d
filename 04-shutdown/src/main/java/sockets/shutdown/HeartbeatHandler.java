package sockets.shutdown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import sockets.blocking.ConnectionHandler;

/** The heartbeat server's side: heartbeats both ways, data frames echoed, a silent client closed. */
public final class HeartbeatHandler implements ConnectionHandler {
    private final Duration interval;
    private final int missed;

    public HeartbeatHandler(Duration interval, int missed) {
        this.interval = interval;
        this.missed = missed;
    }

    @Override
    public void handle(Socket socket) throws IOException {
        HeartbeatSession session = new HeartbeatSession(socket, interval, missed);
        session.run(data -> {
            try {
                session.send(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // run() reports it as the IOException it is
            }
        });
    }
}
