package sockets.framing.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import sockets.common.grading.GradeOptions;
import sockets.framing.Framing;
import sockets.framing.grading.FrameChecks;

/** {@code grade frame-server --framing F}: this chapter's frame checks against a program in any language. */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "Grades a program, in any language, that stands in for frame-server: starts it (replacing {port}"
                + " in its arguments by a free port), waits for its 'listening on HOST:PORT' line, runs the frame"
                + " checks for --framing over real sockets on loopback, stops it with SIGTERM, and prints one line per"
                + " check and a total. Exit 0 when every required check passes, 1 when one fails, 2 for bad usage."
                + " TARGET: frame-server.",
        footer = {"", "Examples:",
            "  java -jar 02-framing/target/02-framing.jar grade frame-server --framing length -- python3 server.py --port {port}",
            "  java -jar 02-framing/target/02-framing.jar grade frame-server --framing line --max-frame 100 -- ./server {port}"})
final class GradeCommand implements Callable<Integer> {
    static final List<String> TARGETS = List.of("frame-server");

    @Mixin
    GradeOptions grade;

    @Mixin
    FramingOptions framing;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String target = grade.target(spec, TARGETS);
        Framing chosen = framing.framing(spec);
        return grade.grade("02-framing " + target + " --framing " + chosen.name(), at -> FrameChecks.all(chosen, at));
    }
}
