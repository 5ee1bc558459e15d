package sockets.shutdown.grading;

import java.util.List;
import sockets.common.grading.Target;

/**
 * What chapter 04 grades: the command line, {@code grade --list} and the reports read this list
 * (the grader's tests run it against the chapter's own program).
 */
public final class DigestTargets {
    private DigestTargets() {
    }

    /** Every target of the chapter; {@code maxRequest}: the limit the program was given, 0 for not checked. */
    public static List<Target> all(long maxRequest) {
        return List.of(digestServer(maxRequest));
    }

    /** A server that answers a request ended by a half-close with its digest, on a TCP port. */
    public static Target digestServer(long maxRequest) {
        return Target.server("digest-server", given -> DigestChecks.all(Math.max(0, maxRequest), given.hint()));
    }
}
