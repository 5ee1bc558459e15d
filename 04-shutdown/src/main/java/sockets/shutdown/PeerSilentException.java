package sockets.shutdown;

import java.io.IOException;

/** The peer sent nothing, not even a heartbeat, for longer than the agreed number of intervals. */
public final class PeerSilentException extends IOException {
    public PeerSilentException(long silentMs, int missed, long intervalMs) {
        super("no heartbeat for " + silentMs + " ms (" + missed + " intervals of " + intervalMs + " ms missed); closing");
    }
}
