package sockets.select.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import sockets.common.Cli;

/** Chapter 05's entry point: the tour with no command, or one of the chapter's commands. */
@Command(name = "05-nonblocking-select", mixinStandardHelpOptions = true, version = "05-nonblocking-select 1.0",
        description = "Chapter 05, non-blocking sockets and select. With no command: a narrated tour.",
        subcommands = {SelectEchoServerCommand.class, SelectFrameServerCommand.class, LoadCommand.class,
            GradeCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failure at run time, 2 bad usage."})
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
