package sockets.common.grading;

import java.util.List;

/** What every client of every chapter must do, whatever it speaks: fail clearly when it cannot reach its server. */
public final class ClientChecks {
    private ClientChecks() {
    }

    /**
     * Runs the client against a loopback port nothing listens on: it must exit 1 (the contract's run-time
     * failure) with one line on stderr saying what failed, not hang and not print a stack trace.
     */
    public static void exitsOneWhenRefused(StudentClient client, List<String> args) throws Exception {
        int port = StudentProgram.freePort();
        StudentClient.Run run = client.run(port, args);
        if (!run.failedInOneLine()) {
            throw new CheckFailure("nothing: no server listens on port " + port,
                    "exit 1 and one line on stderr saying the connection was refused", run.describe(),
                    client.commandLine(port, args) + "; echo $?   (with nothing listening on " + port + ")");
        }
    }
}
