package sockets.udp;

import java.io.IOException;

/** A datagram that is not what the protocol expects: too short, the wrong mode, an unknown version. */
public final class MalformedPacketException extends IOException {
    public MalformedPacketException(String message) {
        super(message);
    }
}
