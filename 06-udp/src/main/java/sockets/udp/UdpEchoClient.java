package sockets.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Arrays;

/**
 * The echo service's UDP client: send a datagram, wait for it to come back, and since either may be lost,
 * try again a bounded number of times. It says how many tries it took, which is how loss shows.
 */
public final class UdpEchoClient {

    /** The echo (null if every try was lost) and how many datagrams were sent to get it. */
    public record Result(byte[] echo, int tries) {
        public boolean answered() {
            return echo != null;
        }
    }

    private UdpEchoClient() {
    }

    public static Result echo(InetSocketAddress server, byte[] message, Duration timeout, int retries) throws IOException {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.connect(server); // only the server's datagrams are let in, and ICMP errors are reported
            ByteBuffer in = ByteBuffer.allocate(UdpServer.MAX_DATAGRAM + 1);
            for (int attempt = 1; attempt <= retries + 1; attempt++) {
                channel.write(ByteBuffer.wrap(message));
                long deadline = System.nanoTime() + timeout.toNanos();
                while (System.nanoTime() < deadline) {
                    Duration left = Duration.ofNanos(deadline - System.nanoTime());
                    if (Datagrams.receive(channel, in, left) == null) {
                        break;
                    }
                    byte[] got = new byte[in.remaining()];
                    in.get(got);
                    if (Arrays.equals(got, message)) {
                        return new Result(got, attempt);
                    }
                    // a late echo of something else: keep waiting for ours
                }
            }
            return new Result(null, retries + 1);
        }
    }
}
