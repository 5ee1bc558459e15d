package sockets.binary.grading;

import java.util.List;
import sockets.common.grading.Target;

/**
 * What chapter 03 grades, each target once: the command line, {@code grade --list} and the reports read this
 * list (the grader's tests run its targets against the chapter's own programs).
 */
public final class TimeTargets {
    private TimeTargets() {
    }

    /** Every target of the chapter. */
    public static List<Target> all() {
        return List.of(timeServer(), timeClient());
    }

    /** An RFC 868 time server on a TCP port. */
    public static Target timeServer() {
        return Target.server("time-server", given -> TimeChecks.all(given.hint()));
    }

    /** An RFC 868 time client, run once per check against servers the checks start (values from the run's seed). */
    public static Target timeClient() {
        return Target.client("time-client", given -> TimeClientChecks.all(given.client(), given.seed().getAsLong()));
    }
}
