package sockets.udp.grading;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import sockets.common.testing.GraderContract;
import sockets.udp.cli.Main;

/**
 * Proof that {@code grade sntp-client} grades: chapter 06's own sntp-client and the Python reference pass, and
 * each one-line mutant fails the check that should catch it (Python cases skipped without python3).
 */
class GradeSntpClientTest extends GraderContract {
    GradeSntpClientTest() {
        super(Main.class, List.of("grade", "sntp-client"),
                List.of("sntp-client", "--port", "{port}"),
                "../docs/assignments/06-udp/sntp_client.py");
    }

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of("waits for its reply forever", "sock.settimeout(max(0.001, deadline - time.monotonic()))",
                        "sock.settimeout(None)", "gives up with exit 1 and one line on stderr when its request is lost"),
                Arguments.of("believes any server's reply", "if first & 7 == 4 and originate == transmit and stratum != 0:",
                        "if first & 7 == 4:", "believes no reply whose originate timestamp is not its own"),
                Arguments.of("counts from 1970", "return seconds - SECONDS_1900_TO_1970 + fraction / (1 << 32)",
                        "return seconds + fraction / (1 << 32)", "prints the server's time"));
    }
}
