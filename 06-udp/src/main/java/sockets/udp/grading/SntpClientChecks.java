package sockets.udp.grading;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import sockets.common.PeerLog;
import sockets.common.grading.Check;
import sockets.common.grading.Hints;
import sockets.common.grading.PrintedTime;
import sockets.common.grading.CheckFailure;
import sockets.common.grading.StudentClient;
import sockets.udp.DatagramHandler;
import sockets.udp.LossyRelay;
import sockets.udp.NtpTimestamp;
import sockets.udp.SntpHandler;
import sockets.udp.SntpPacket;
import sockets.udp.UdpServer;

/**
 * What an SNTP client must do, as checks that run a student's client (any language) against chapter 06's
 * SNTP server on a clock the check set, directly and through its lossy relay: print the server's time;
 * when the request or its reply is lost, give up within its timeout with exit 1 and one line; believe no
 * reply that does not answer its own request.
 */
public final class SntpClientChecks {
    /** The earliest and latest instants the server's clock is set to: drawn between them afresh each run. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2035-12-31T23:59:59Z");
    /** What a reply to somebody else's request says. */
    static final Instant STRANGER = Instant.parse("2001-09-09T01:46:40Z");

    private SntpClientChecks() {
    }

    /**
     * Every check, in the order a student should fix them, with its points. The server's clock is set to an
     * instant drawn from {@code seed} (never now, never the same twice), so a client that prints its own
     * clock or a constant is caught.
     */
    public static List<Check> all(StudentClient client, long seed) {
        long span = LATEST.getEpochSecond() - EARLIEST.getEpochSecond();
        Instant known = EARLIEST.plusSeconds((long) (new java.util.Random(seed).nextDouble() * span));
        return List.of(
                Check.required("prints the server's time, from its transmit timestamp", 3,
                        t -> printsTheServersTime(client, known)),
                Check.required("gives up with exit 1 and one line on stderr when its request is lost (lossy-relay --drop 1)", 2,
                        t -> givesUpWhenLost(client)),
                Check.required("believes no reply whose originate timestamp is not its own transmit timestamp", 2,
                        t -> refusesAStrangersReply(client)));
    }

    private static UdpServer server(DatagramHandler handler) {
        return new UdpServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), handler, PeerLog.discard());
    }

    private static void printsTheServersTime(StudentClient client, Instant known) throws Exception {
        try (UdpServer server = server(new SntpHandler(Clock.fixed(known, ZoneOffset.UTC)))) {
            int port = server.start().getPort();
            StudentClient.Run run = client.run(port, List.of());
            if (run.exitCode() != 0 || !PrintedTime.shows(run.stdout(), known)) {
                throw new CheckFailure("a request to an SNTP server whose clock says " + known,
                        "exit 0 and " + known + " (ISO-8601 UTC) on stdout", run.describe(), "");
            }
        }
    }

    private static void givesUpWhenLost(StudentClient client) throws Exception {
        try (UdpServer server = server(new SntpHandler(Clock.systemUTC()))) {
            InetSocketAddress address = server.start();
            try (LossyRelay relay = new LossyRelay(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), address,
                    new LossyRelay.Faults(1.0, 0, 0, 4330), PeerLog.discard())) {
                int port = relay.start().getPort();
                StudentClient.Run run = client.run(port, List.of());
                if (!run.failedInOneLine()) {
                    throw new CheckFailure("a request through a relay that drops every datagram",
                            "exit 1 and one line on stderr, within the client's own timeout (a few seconds)",
                            run.describe() + (run.timedOut() ? ": does recvfrom wait forever? set a timeout" : ""),
                            Hints.jar("06-udp") + " lossy-relay --listen 7063 --to 127.0.0.1:7062 --drop 1 &  then: "
                                    + client.commandLine(7063, List.of()));
                }
            }
        }
    }

    private static void refusesAStrangersReply(StudentClient client) throws Exception {
        long stranger = NtpTimestamp.of(STRANGER);
        DatagramHandler liar = (request, from) -> new SntpPacket(0, 4, SntpPacket.MODE_SERVER, 1, 0, -20, 0, 0, "LOCL",
                stranger, stranger - 1, stranger, stranger).encode();
        try (UdpServer server = server(liar)) {
            int port = server.start().getPort();
            StudentClient.Run run = client.run(port, List.of());
            if (run.exitCode() == 0 || run.stdout().contains(STRANGER.toString().substring(0, 10))) {
                throw new CheckFailure("a request; the only reply's originate timestamp is not the request's transmit"
                        + " timestamp (it answers another request, sent in 2001)",
                        "no time printed, and an exit code other than 0", run.describe(), "");
            }
        }
    }
}
