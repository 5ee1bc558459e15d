package sockets.framing.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import sockets.common.grading.GradeOptions;
import sockets.framing.grading.FrameTargets;

/** {@code grade frame-server --framing F}: this chapter's frame checks against a program in any language. */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "Grades a program, in any language, that stands in for frame-server: starts it (replacing {port}"
                + " in its arguments by a free port), waits for its 'listening on HOST:PORT' line, runs the frame"
                + " checks for --framing over real sockets on loopback, stops it with SIGTERM, and prints one line per"
                + " check and a total. Exit 0 when every required check passes, 1 when one fails, 2 for bad usage."
                + " A client is graded by running it once per check, {port} naming the chapter's frame server (or chapter"
                + " 01's relay in front of it), the check's messages appended. TARGET: frame-server, frame-client.",
        footer = {"", "Examples:",
            "  java -jar 02-framing/target/02-framing.jar grade frame-server --framing length -- python3 server.py --port {port}",
            "  java -jar 02-framing/target/02-framing.jar grade frame-server --framing line --max-frame 100 -- ./server {port}",
            "  java -jar 02-framing/target/02-framing.jar grade frame-client --framing length -- python3 client.py --port {port}"})
final class GradeCommand implements Callable<Integer> {
    @Mixin
    GradeOptions grade;

    @Mixin
    FramingOptions framing;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return grade.grade("02-framing", grade.target(spec, FrameTargets.all(framing.framing(spec))));
    }
}
