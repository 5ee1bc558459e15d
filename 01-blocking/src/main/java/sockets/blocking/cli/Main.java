package sockets.blocking.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import sockets.common.Cli;

/** Chapter 01's entry point: the tour with no command, or one of the chapter's commands. */
@Command(name = "01-blocking", mixinStandardHelpOptions = true, version = "01-blocking 1.0",
        description = "Chapter 01, blocking sockets. With no command: a narrated tour of the chapter.",
        subcommands = {EchoServerCommand.class, EchoClientCommand.class, HttpGetCommand.class, RelayCommand.class,
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
