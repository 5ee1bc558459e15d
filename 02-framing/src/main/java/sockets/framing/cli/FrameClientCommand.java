package sockets.framing.cli;

import java.io.EOFException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sockets.common.ClientOptions;
import sockets.blocking.Clients;
import sockets.common.PortConverter;
import sockets.framing.FrameReader;
import sockets.framing.Framing;

/** {@code frame-client}: sends each message as a frame, all in one write, and prints each reply. */
@Command(name = "frame-client", mixinStandardHelpOptions = true,
        description = "Sends each MESSAGE (UTF-8) as one frame, all of them back to back in one write, then"
                + " prints each reply on a line of its own.")
final class FrameClientCommand implements Callable<Integer> {
    @Mixin
    FramingOptions framing;

    @Mixin
    ClientOptions client;

    @Option(names = "--port", defaultValue = FrameServerCommand.DEFAULT_PORT, converter = PortConverter.class,
            description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Parameters(paramLabel = "MESSAGE", arity = "1..*", description = "Messages to send, one frame each.")
    List<String> messages;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Framing chosen;
        byte[] stream;
        try {
            chosen = framing.framing();
            java.io.ByteArrayOutputStream frames = new java.io.ByteArrayOutputStream();
            for (String message : messages) {
                chosen.encode(message.getBytes(StandardCharsets.UTF_8), frames);
            }
            stream = frames.toByteArray();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (Socket socket = Clients.connect(client.address(port), client.timeoutMs())) {
            socket.getOutputStream().write(stream); // every frame in one write: the server must split them
            FrameReader replies = new FrameReader(socket.getInputStream(), chosen.newDecoder());
            List<byte[]> got = new ArrayList<>();
            while (got.size() < messages.size()) {
                byte[] reply = replies.read();
                if (reply == null) {
                    throw new EOFException("server closed after " + got.size() + " of " + messages.size() + " replies");
                }
                got.add(reply);
                System.out.println(new String(reply, StandardCharsets.UTF_8));
            }
        }
        System.out.flush();
        return 0;
    }
}
