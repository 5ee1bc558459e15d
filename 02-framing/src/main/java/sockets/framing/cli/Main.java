package sockets.framing.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import sockets.common.Cli;

/** Chapter 02's entry point: the tour with no command, or {@code frame-server} and {@code frame-client}. */
@Command(name = "02-framing", mixinStandardHelpOptions = true, version = "02-framing 1.0",
        description = "Chapter 02, framing: messages on a byte stream. With no command: a narrated tour.",
        subcommands = {FrameServerCommand.class, FrameClientCommand.class, GradeCommand.class},
        footer = {"", "Framings: " + Framings.NAMES + ".", "Exit codes: 0 ok, 1 failure at run time, 2 bad usage."})
public final class Main implements Callable<Integer> {

    private Main() {
    }

    public static void main(String[] args) {
        Cli.main(new Main(), args);
    }

    @Override
    public Integer call() throws Exception {
        return new Tour(System.out).run();
    }
}
