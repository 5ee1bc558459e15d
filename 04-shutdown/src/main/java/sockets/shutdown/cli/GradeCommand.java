package sockets.shutdown.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sockets.common.grading.GradeOptions;
import sockets.shutdown.grading.DigestTargets;

/** {@code grade digest-server}: this chapter's half-close request/reply checks against a program in any language. */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "Grades a program, in any language, that stands in for digest-server: it must read each request"
                + " until the client half-closes, reply '<byte count> <SHA-256 hex>' and close. Starts the program"
                + " (replacing {port}), runs the checks on loopback, stops it with SIGTERM; exit 0 when every required"
                + " check passes, 1 when one fails, 2 for bad usage. TARGET: digest-server.",
        footer = {"", "Example:",
            "  java -jar 04-shutdown/target/04-shutdown.jar grade digest-server --max-request 1000 -- python3 digest_server.py --max-request 1000 --port {port}"})
final class GradeCommand implements Callable<Integer> {
    @Mixin
    GradeOptions grade;

    @Option(names = "--max-request", paramLabel = "BYTES", defaultValue = "0",
            description = "The limit the program was given: a request one byte over must get an 'error:' line"
                    + " (default: 0, not checked).")
    long maxRequest;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return grade.grade("04-shutdown", grade.target(spec, DigestTargets.all(maxRequest)));
    }
}
