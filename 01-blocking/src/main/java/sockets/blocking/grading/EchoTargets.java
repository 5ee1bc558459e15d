package sockets.blocking.grading;

import java.util.List;
import sockets.common.grading.Target;

/**
 * What chapter 01 grades, each target once: the command line, {@code grade --list}, the reports and the JUnit
 * contracts read this list.
 */
public final class EchoTargets {
    private EchoTargets() {
    }

    /** Every target of the chapter; the server is asked to serve {@code clients} clients at once. */
    public static List<Target> all(int clients) {
        return List.of(echoServer(clients), echoClient());
    }

    /** An echo server (RFC 862) on a TCP port. */
    public static Target echoServer(int clients) {
        return Target.server("echo-server", given -> EchoChecks.all(clients, given.hint()));
    }

    /** An echo client, run once per check against servers the checks start. */
    public static Target echoClient() {
        return Target.client("echo-client", given -> EchoClientChecks.all(given.client()));
    }
}
