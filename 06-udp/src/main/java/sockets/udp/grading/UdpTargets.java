package sockets.udp.grading;

import java.util.List;
import sockets.common.grading.Target;

/**
 * What chapter 06 grades, each target once: the command line, {@code grade --list} and the reports read this
 * list (the grader's tests run its targets against the chapter's own programs).
 */
public final class UdpTargets {
    private UdpTargets() {
    }

    /** Every target of the chapter. */
    public static List<Target> all() {
        return List.of(udpEchoServer(), sntpServer(), sntpClient());
    }

    /** A UDP echo server: each datagram back to its sender. */
    public static Target udpEchoServer() {
        return Target.datagramServer("udp-echo-server",
                given -> UdpEchoChecks.all(given.inet(), given.readTimeoutMs()));
    }

    /** An SNTP server (RFC 4330) on a UDP port. */
    public static Target sntpServer() {
        return Target.datagramServer("sntp-server", given -> SntpChecks.all(given.inet(), given.readTimeoutMs()));
    }

    /** An SNTP client, run once per check against servers the checks start (values from the run's seed). */
    public static Target sntpClient() {
        return Target.client("sntp-client", given -> SntpClientChecks.all(given.client(), given.seed().getAsLong()));
    }
}
