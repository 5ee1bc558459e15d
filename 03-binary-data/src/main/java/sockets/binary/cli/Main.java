package sockets.binary.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import sockets.common.Cli;

/** Chapter 03's entry point: the tour with no command, or one of the chapter's commands. */
@Command(name = "03-binary-data", mixinStandardHelpOptions = true, version = "03-binary-data 1.0",
        description = "Chapter 03, binary data: byte order, unsigned values, RFC 868. With no command: a narrated tour.",
        subcommands = {TimeServerCommand.class, TimeClientCommand.class, DumpCommand.class, SizesCommand.class,
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
