package sockets.blocking.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import sockets.blocking.grading.EchoTargets;
import sockets.common.grading.ClientsOption;
import sockets.common.grading.GradeOptions;

/** {@code grade}: runs this chapter's checks against a program in any language that stands in for one of its commands. */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "Grades a program, in any language, that stands in for one of this chapter's commands: starts it"
                + " (replacing {port} in its arguments by a free port), waits for its 'listening on HOST:PORT' line,"
                + " runs the chapter's checks over real sockets on loopback, stops it with SIGTERM, and prints one"
                + " line per check and a total. Exit 0 when every required check passes, 1 when one fails, 2 for bad"
                + " usage. A client is graded by running it once per check, {port} naming the chapter's server (or its relay,"
                + " cutting what it forwards), the check's message words appended. TARGET: echo-server, echo-client.",
        footer = {"", "Examples:",
            "  java -jar 01-blocking/target/01-blocking.jar grade echo-server -- python3 echo_server.py --port {port}",
            "  java -jar 01-blocking/target/01-blocking.jar grade echo-server --report report.xml -- ./server {port}",
            "  java -jar 01-blocking/target/01-blocking.jar grade echo-server --port 7007   (one already running)",
            "  java -jar 01-blocking/target/01-blocking.jar grade echo-client -- python3 echo_client.py --port {port}"})
final class GradeCommand implements Callable<Integer> {
    @Mixin
    GradeOptions grade;

    @Mixin
    ClientsOption clientsOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int clients = clientsOption.clients(spec, 100);
        return grade.grade("01-blocking", grade.target(spec, EchoTargets.all(clients)));
    }
}
