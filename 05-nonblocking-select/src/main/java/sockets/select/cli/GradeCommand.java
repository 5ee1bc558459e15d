package sockets.select.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import sockets.common.grading.ClientsOption;
import sockets.common.grading.GradeOptions;
import sockets.select.grading.SelectTargets;

/** {@code grade select-echo-server}: the echo checks at 1,000 clients, and a client that never reads. */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "Grades a program, in any language, that stands in for select-echo-server: chapter 01's echo"
                + " checks with 1,000 clients at once, and a client that sends and never reads, which must not stall"
                + " the others. Starts the program (replacing {port}), runs the checks on loopback, stops it with"
                + " SIGTERM; exit 0 when every required check passes, 1 when one fails, 2 for bad usage."
                + " TARGET: select-echo-server.",
        footer = {"", "Example:",
            "  java -jar 05-nonblocking-select/target/05-nonblocking-select.jar grade select-echo-server -- python3 select_echo_server.py --port {port}"})
final class GradeCommand implements Callable<Integer> {
    @Mixin
    GradeOptions grade;

    @Mixin
    ClientsOption clientsOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int clients = clientsOption.clients(spec, 1000);
        return grade.grade("05-nonblocking-select", grade.target(spec, SelectTargets.all(clients)));
    }
}
