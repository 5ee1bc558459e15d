package sockets.udp.grading;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import sockets.common.testing.GraderContract;
import sockets.udp.cli.Main;

/**
 * Proof that {@code grade sntp-server} grades: chapter 06's own sntp-server and the Python reference pass, and
 * each one-line mutant fails the check that should catch it (Python cases skipped without python3).
 */
class GradeSntpServerTest extends GraderContract {
    GradeSntpServerTest() {
        super(Main.class, List.of("grade", "sntp-server"),
                List.of("sntp-server", "--port", "{port}"),
                "../docs/assignments/06-udp/sntp_server.py");
    }

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of("leaves the originate field 0", "received, transmit, received, ntp_now())",
                        "received, 0, received, ntp_now())", "copies the request's transmit timestamp"),
                Arguments.of("counts from 1970", "seconds = (int(now) + SECONDS_1900_TO_1970) & 0xFFFFFFFF",
                        "seconds = int(now) & 0xFFFFFFFF", "its transmit timestamp is this machine's clock"),
                Arguments.of("packs little-endian", "struct.Struct(\"!BBbbIi4sQQQQ\")", "struct.Struct(\"<BBbbIi4sQQQQ\")",
                        "its transmit timestamp is this machine's clock"),
                Arguments.of("always answers version 4", "version << 3 | 4", "4 << 3 | 4",
                        "answers a version 3 request with version 3"),
                Arguments.of("dies on a short datagram", "if len(request) < PACKET.size:", "if False:",
                        "ignores a datagram shorter than 48 bytes"));
    }
}
