package sockets.binary.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sockets.binary.Hex;
import sockets.binary.TimeClient;
import sockets.binary.TimeProtocol;
import sockets.binary.Wire;
import sockets.common.ClientOptions;
import sockets.common.PortConverter;

/** {@code time-client}: asks an RFC 868 server for the time and prints it in ISO-8601 UTC. */
@Command(name = "time-client", mixinStandardHelpOptions = true,
        description = "Asks an RFC 868 time server for the time: reads exactly 4 bytes and prints the instant"
                + " in ISO-8601 UTC.")
final class TimeClientCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = "--port", defaultValue = TimeServerCommand.DEFAULT_PORT, converter = PortConverter.class,
            description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-v", "--verbose"}, description = "Also print the bytes received and the count they hold.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        byte[] reply = TimeClient.fetch(client.address(port), client.timeoutMs());
        if (verbose) {
            long seconds = Wire.readU32(java.nio.ByteBuffer.wrap(reply), "RFC 868 time");
            System.out.printf("received %s = %,d seconds since 1900%n", Hex.of(reply), seconds);
        }
        System.out.println(TimeProtocol.decode(reply));
        return 0;
    }
}
