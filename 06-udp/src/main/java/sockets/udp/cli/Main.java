package sockets.udp.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import sockets.common.Cli;

/** Chapter 06's entry point: the tour with no command, or one of the chapter's commands. */
@Command(name = "06-udp", mixinStandardHelpOptions = true, version = "06-udp 1.0",
        description = "Chapter 06, UDP: datagrams, loss, and binary UDP protocols. With no command: a narrated tour.",
        subcommands = {UdpServerCommands.Echo.class, UdpClientCommands.Echo.class, UdpServerCommands.Time.class,
            UdpServerCommands.Sntp.class, UdpClientCommands.Sntp.class, LossyRelayCommand.class, GradeCommand.class},
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
