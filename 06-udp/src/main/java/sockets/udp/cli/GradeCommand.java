package sockets.udp.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import sockets.common.grading.GradeOptions;
import sockets.udp.grading.SntpChecks;
import sockets.udp.grading.SntpClientChecks;
import sockets.udp.grading.UdpEchoChecks;

/** {@code grade}: this chapter's datagram checks against a program in any language. */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "Grades a program, in any language, that stands in for one of this chapter's commands. A server"
                + " is started (replacing {port} in its arguments by a free port), its 'listening on HOST:PORT' line"
                + " awaited, checked with real datagrams on loopback, and stopped with SIGTERM. A client is run once per"
                + " check, {port} naming an SNTP server on a clock the check set (or the lossy relay in front of one)."
                + " One line per check and a total. Exit 0 when every required check passes, 1 when one fails, 2 for"
                + " bad usage. TARGET: udp-echo-server, sntp-server, sntp-client.",
        footer = {"", "Examples:",
            "  java -jar 06-udp/target/06-udp.jar grade udp-echo-server -- python3 udp_echo_server.py --port {port}",
            "  java -jar 06-udp/target/06-udp.jar grade sntp-server --report report.xml -- ./sntp-server {port}",
            "  java -jar 06-udp/target/06-udp.jar grade sntp-client -- python3 sntp_client.py --port {port}"})
final class GradeCommand implements Callable<Integer> {
    static final List<String> TARGETS = List.of("udp-echo-server", "sntp-server", "sntp-client");

    @Mixin
    GradeOptions grade;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String target = grade.target(spec, TARGETS);
        String suite = "06-udp " + target;
        int readTimeoutMs = grade.readTimeoutMs();
        return switch (target) {
            case "udp-echo-server" -> grade.gradeAt(suite, at -> UdpEchoChecks.all(at, readTimeoutMs));
            case "sntp-server" -> grade.gradeAt(suite, at -> SntpChecks.all(at, readTimeoutMs));
            default -> grade.gradeClient(spec, suite, client -> SntpClientChecks.all(client, grade.seed()));
        };
    }
}
