package sockets.common.grading;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections one check has open, on whatever thread it opened them, so that when the check's time is
 * up the grader can close them all: a read blocked on a program that trickles a byte every few seconds (each
 * within the read timeout) then ends at once, and the check with it. A check's threads inherit its scope.
 */
final class CheckScope {
    private static final InheritableThreadLocal<CheckScope> CURRENT = new InheritableThreadLocal<>();

    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Makes this the scope of the calling thread and of every thread it starts from now on. */
    void enter() {
        CURRENT.set(this);
    }

    /** Registers {@code connection} with the calling thread's check, if any; closed at once if that check is over. */
    static void register(Closeable connection) throws IOException {
        CheckScope scope = CURRENT.get();
        if (scope != null) {
            scope.open.add(connection);
            if (scope.closed) {
                connection.close();
            }
        }
    }

    /** Closes every connection the check opened, now and from now on. */
    void closeAll() {
        closed = true;
        for (Closeable connection : open) {
            try {
                connection.close();
            } catch (IOException e) {
                // closing to end a check: a failed close leaves nothing to do
            }
        }
    }
}
