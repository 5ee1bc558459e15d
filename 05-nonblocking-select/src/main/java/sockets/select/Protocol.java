package sockets.select;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * What a selector server speaks, written for readiness: it is handed whatever bytes arrived and answers
 * through an {@link Outbox}, never blocking. One {@link Session} per connection, called from one thread.
 */
public interface Protocol {

    Session open(SocketAddress peer);

    /** The largest reply one message can produce: a bound the server adds to one read's worth of output. */
    default int largestReply() {
        return 0;
    }

    /** One connection's protocol state. */
    interface Session {
        /** Bytes arrived (any number, cut anywhere); queue any replies. A peer's bad input throws. */
        void onData(ByteBuffer in, Outbox out) throws IOException;

        /** The peer half-closed; after this the server finishes writing and closes. */
        void onEndOfStream(Outbox out) throws IOException;

        /** Bytes received and not yet answered (a frame begun): what a stop that cuts the connection loses. */
        default long holding() {
            return 0;
        }

        /** The connection is closed, however it ended: give back whatever the session holds. */
        default void onClose() {
        }
    }

    /** Where a session puts its replies; the server writes them when the socket can take them. */
    interface Outbox {
        /** Queues a copy of {@code data}'s remaining bytes. */
        void write(ByteBuffer data);
    }

    /** RFC 862: every byte back. */
    Protocol ECHO = peer -> new Session() {
        @Override
        public void onData(ByteBuffer in, Outbox out) {
            out.write(in);
        }

        @Override
        public void onEndOfStream(Outbox out) {
            // nothing held back: everything was echoed as it came
        }
    };
}
