package sockets.ipc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import sockets.common.Cli;

/** Chapter 07's entry point: the tour with no command, or one of the chapter's commands. */
@Command(name = "07-ipc", mixinStandardHelpOptions = true, version = "07-ipc 1.0",
        description = "Chapter 07, IPC on one machine: Unix domain sockets and pipes. With no command: a narrated tour.",
        subcommands = {UdsEchoServerCommand.class, UdsEchoClientCommand.class, PipeEchoCommand.class,
            ShmProduceCommand.class, ShmConsumeCommand.class, GradeCommand.class},
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
