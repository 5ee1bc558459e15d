package sockets.shutdown.grading;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import sockets.common.testing.GraderContract;
import sockets.shutdown.cli.Main;

/**
 * Proof that {@code grade digest-server} grades: chapter 04's server and the Python reference pass; one-line
 * mutants fail the check that should catch them (Python cases skipped without python3).
 */
class GradeDigestServerTest extends GraderContract {
    GradeDigestServerTest() {
        super(Main.class, List.of("grade", "digest-server", "--max-request", "100000"),
                List.of("digest-server", "--max-request", "100000", "--port", "{port}"),
                "../docs/assignments/04-digest/digest_server.py");
    }

    @Override
    protected List<String> referenceArgs() {
        return List.of("--max-request", "100000", "--port", "{port}");
    }

    @Override
    protected List<String> starters() {
        return List.of("../docs/assignments/04-digest/starter.py", "../docs/assignments/04-digest/Starter.java");
    }

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of("replies after the first read", "while True:", "for _ in range(1):",
                        "says nothing before the half-close"),
                Arguments.of("digests with MD5", "hashlib.sha256()", "hashlib.md5()",
                        "replies '<count> <sha256>' once the client half-closes"),
                Arguments.of("counts reads, not bytes", "count += len(data)", "count += 1",
                        "replies '<count> <sha256>' once the client half-closes"),
                Arguments.of("never checks the limit", "if count > max_request:", "if False:",
                        "gets an 'error:' line"));
    }
}
