package sockets.common.grading;

import java.io.IOException;

/** Opens a new client connection to the program under test. */
@FunctionalInterface
public interface Connector {
    Peer connect() throws IOException;
}
