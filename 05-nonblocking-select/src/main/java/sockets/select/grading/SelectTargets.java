package sockets.select.grading;

import java.util.List;
import sockets.common.grading.Target;

/**
 * What chapter 05 grades: the command line, {@code grade --list}, the reports and chapter 05's
 * echo contract tests read this list.
 */
public final class SelectTargets {
    private SelectTargets() {
    }

    /** Every target of the chapter; the server is asked to serve {@code clients} clients at once. */
    public static List<Target> all(int clients) {
        return List.of(selectEchoServer(clients));
    }

    /** An echo server that holds many clients on few threads, on a TCP port. */
    public static Target selectEchoServer(int clients) {
        return Target.server("select-echo-server", given -> SelectChecks.all(clients, given.hint()));
    }
}
