package sockets.blocking;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code echo-client}: sends its arguments (or stdin) to an echo server and prints what comes back. */
@Command(name = "echo-client", mixinStandardHelpOptions = true,
        description = "Sends MESSAGE... (joined by spaces, plus a newline) or, with no message, standard"
                + " input to an echo server, and prints the echo. Fails if the echo differs.")
final class EchoClientCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = EchoServerCommand.DEFAULT_PORT, converter = PortConverter.class,
            description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--timeout-ms", defaultValue = "10000", converter = CountConverter.class,
            description = "Bound on connecting and on each read (default: ${DEFAULT-VALUE}).")
    int timeoutMs;

    @Parameters(paramLabel = "MESSAGE", arity = "0..*", description = "Words to send; none: read standard input.")
    List<String> words;

    @Override
    public Integer call() throws Exception {
        if (words != null && !words.isEmpty()) {
            byte[] message = (String.join(" ", words) + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] echo = EchoClient.exchange(Endpoints.resolve(host, port), message, timeoutMs);
            System.out.write(echo);
            System.out.flush();
            if (!java.util.Arrays.equals(message, echo)) {
                throw new CommandFailedException("the echo differs from what was sent");
            }
            return Cli.OK;
        }
        EchoClient.Tally tally = EchoClient.stream(Endpoints.resolve(host, port), System.in, System.out, timeoutMs);
        if (!tally.matches()) {
            throw new CommandFailedException("the echo differs from what was sent: sent " + tally.sent()
                    + " bytes, received " + tally.received());
        }
        return Cli.OK;
    }
}
