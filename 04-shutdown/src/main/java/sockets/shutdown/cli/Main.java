package sockets.shutdown.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import sockets.common.Cli;

/** Chapter 04's entry point: the tour with no command, or one of the chapter's commands. */
@Command(name = "04-shutdown", mixinStandardHelpOptions = true, version = "04-shutdown 1.0",
        description = "Chapter 04, disconnecting and dead peers. With no command: a narrated tour.",
        subcommands = {DigestServerCommand.class, DigestClientCommand.class, HeartbeatServerCommand.class,
            HeartbeatClientCommand.class, RelayCommand.class, GradeCommand.class},
        footer = {"", "relay is chapter 01's with this chapter's faults: --pause-after BYTES, --reset-after BYTES.",
            "Exit codes: 0 ok, 1 failure at run time, 2 bad usage."})
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
