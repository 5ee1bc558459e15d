package sockets.blocking.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sockets.blocking.EchoClient;
import sockets.common.Cli;
import sockets.common.ClientOptions;
import sockets.common.CommandFailedException;
import sockets.common.PortConverter;

/** {@code echo-client}: sends its arguments (or stdin) to an echo server and prints what comes back. */
@Command(name = "echo-client", mixinStandardHelpOptions = true,
        description = "Sends MESSAGE... (joined by spaces, plus a newline) or, with no message, standard"
                + " input to an echo server, and prints the echo. Fails if the echo differs.")
final class EchoClientCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = "--port", defaultValue = EchoServerCommand.DEFAULT_PORT, converter = PortConverter.class,
            description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Parameters(paramLabel = "MESSAGE", arity = "0..*", description = "Words to send; none: read standard input.")
    List<String> words;

    @Override
    public Integer call() throws Exception {
        if (words != null && !words.isEmpty()) {
            byte[] message = (String.join(" ", words) + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] echo = EchoClient.exchange(client.address(port), message, client.timeoutMs());
            System.out.write(echo);
            System.out.flush();
            if (!java.util.Arrays.equals(message, echo)) {
                throw new CommandFailedException("the echo differs from what was sent");
            }
            return Cli.OK;
        }
        EchoClient.Tally tally = EchoClient.stream(client.address(port), System.in, System.out,
                client.timeoutMs());
        if (!tally.matches()) {
            throw new CommandFailedException("the echo differs from what was sent: sent " + tally.sent()
                    + " bytes, received " + tally.received());
        }
        return Cli.OK;
    }
}
