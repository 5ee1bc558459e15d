package sockets.udp.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import sockets.common.grading.GradeOptions;
import sockets.udp.grading.UdpTargets;

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
    @Mixin
    GradeOptions grade;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return grade.grade("06-udp", grade.target(spec, UdpTargets.all()));
    }
}
