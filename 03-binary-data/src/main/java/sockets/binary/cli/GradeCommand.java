package sockets.binary.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import sockets.binary.grading.TimeTargets;
import sockets.common.grading.GradeOptions;

/** {@code grade time-server}: this chapter's RFC 868 checks against a program in any language. */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "Grades a program, in any language, that stands in for time-server (RFC 868 over TCP): starts it"
                + " (replacing {port} in its arguments by a free port), waits for its 'listening on HOST:PORT' line,"
                + " runs the checks over real sockets on loopback, stops it with SIGTERM, and prints one line per check"
                + " and a total. Exit 0 when every required check passes, 1 when one fails, 2 for bad usage."
                + " A client is graded by running it once per check, {port} naming a server that sends 4 bytes the check"
                + " chose (or chapter 01's relay in front of it). TARGET: time-server, time-client.",
        footer = {"", "Examples:",
            "  java -jar 03-binary-data/target/03-binary-data.jar grade time-server -- python3 time_server.py --port {port}",
            "  java -jar 03-binary-data/target/03-binary-data.jar grade time-client -- python3 time_client.py --port {port}"})
final class GradeCommand implements Callable<Integer> {
    @Mixin
    GradeOptions grade;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return grade.grade("03-binary-data", grade.target(spec, TimeTargets.all()));
    }
}
