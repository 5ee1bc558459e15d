package sockets.udp.grading;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import sockets.common.testing.GraderContract;
import sockets.udp.cli.Main;

/**
 * Proof that {@code grade udp-echo-server} grades: chapter 06's own udp-echo-server and the Python reference pass, and
 * each one-line mutant fails the check that should catch it (Python cases skipped without python3).
 */
class GradeUdpEchoServerTest extends GraderContract {
    GradeUdpEchoServerTest() {
        super(Main.class, List.of("grade", "udp-echo-server"),
                List.of("udp-echo-server", "--port", "{port}"),
                "../docs/assignments/06-udp/udp_echo_server.py");
    }

    @Override
    protected List<String> starters() {
        return List.of("../docs/assignments/06-udp/starter.py", "../docs/assignments/06-udp/Starter.java");
    }

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of("receives into a 1,024-byte buffer", "sock.recvfrom(MAX_DATAGRAM)", "sock.recvfrom(1024)",
                        "echoes a datagram of 65507 bytes"),
                Arguments.of("takes an empty datagram for the end", "sock.sendto(data, peer)  #",
                        "sock.sendto(data, peer) if data else sys.exit(0)  #", "echoes an empty datagram"),
                Arguments.of("answers every datagram at the first sender's address", "sock.sendto(data, peer)  #",
                        "sock.sendto(data, globals().setdefault(\"first\", peer))  #",
                        "echoes each of 20 datagrams to its sender"));
    }
}
