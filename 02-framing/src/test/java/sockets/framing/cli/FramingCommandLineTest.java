package sockets.framing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sockets.common.Cli;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.TestSockets;

/** Chapter 02's commands on real processes: the contract's first line, exit codes and one-line faults. */
class FramingCommandLineTest {

    @ParameterizedTest
    @ValueSource(strings = {"line", "length", "ascii", "netstring", "fixed:5"})
    void frameClientAndFrameServerAgreeOnEveryFraming(String framing) throws Exception {
        try (ChapterProcess server = ChapterProcess.start(Main.class, "frame-server", "--port", "0", "--framing", framing)) {
            InetSocketAddress address = server.awaitListening();
            ChapterProcess.Result client = ChapterProcess.run(Main.class, "frame-client", "--framing", framing,
                    "--port", String.valueOf(address.getPort()), "hello", "there", "12345");
            assertEquals(0, client.exitCode(), client.stderr());
            assertEquals("hello\nthere\n12345\n", client.stdout());
        }
    }

    @Test
    void typedMessagesGoAsTheirTypeSays() throws Exception {
        try (ChapterProcess server = ChapterProcess.start(Main.class, "frame-server", "--port", "0", "--framing", "typed")) {
            InetSocketAddress address = server.awaitListening();
            ChapterProcess.Result client = ChapterProcess.run(Main.class, "frame-client", "--framing", "typed",
                    "--port", String.valueOf(address.getPort()), "P", "N12345678");
            assertEquals(0, client.exitCode(), client.stderr());
            assertEquals("P\nN12345678\n", client.stdout());
        }
    }

    @Test
    void aPeerSendingGarbageIsNamedInOneStderrLineAndTheServerStopsCleanly() throws Exception {
        try (ChapterProcess server = ChapterProcess.start(Main.class, "frame-server", "--port", "0", "--framing", "ascii")) {
            InetSocketAddress address = server.awaitListening();
            int garbagePort;
            try (Socket garbage = TestSockets.connect(address)) {
                garbagePort = garbage.getLocalPort();
                garbage.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                assertEquals(-1, garbage.getInputStream().read(), "the server closed the garbage connection");
            }
            server.terminate();
            ChapterProcess.Result result = server.awaitExit();
            assertEquals(1, result.stderrLines().size(), result.stderr());
            assertTrue(result.stderr().startsWith("peer 127.0.0.1:" + garbagePort + ": ascii length byte 1 of 5 is 'h'"),
                    result.stderr());
            result.assertNoStackTrace();
        }
    }

    /**
     * Limits the heap cannot keep are cut to what it can, each in one line before the server listens: a
     * frame budget of 60 MB and 100,000 connections under a 64 MiB heap.
     */
    @Test
    void limitsBeyondTheHeapAreCutAndSaidInOneLineEach() throws Exception {
        try (ChapterProcess server = ChapterProcess.start(java.util.List.of(), java.util.List.of("-Xmx64m"), Main.class,
                null, "frame-server", "--port", "0", "--framing", "length", "--max-memory", "60000000",
                "--max-connections", "100000")) {
            server.awaitListening();
            assertTrue(server.awaitStderr("--max-memory 60000000 is more than this heap holds for peers")
                    .contains("holding at most"));
            assertTrue(server.awaitStderr("--max-connections 100000 is more than this heap holds")
                    .contains("serving at most"));
            server.terminate();
            assertEquals(143, server.awaitExit().exitCode());
        }
    }

    @Test
    void anUnknownFramingIsBadUsage() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "frame-server", "--framing", "json");
        result.assertOneLineFailure(Cli.USAGE);
        assertTrue(result.stderr().contains("'json' is not a framing"), result.stderr());
    }

    @Test
    void aFixedLengthOfZeroIsBadUsage() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "frame-server", "--framing", "fixed:0");
        result.assertOneLineFailure(Cli.USAGE);
        assertTrue(result.stderr().contains("fixed:0"), result.stderr());
    }

    @Test
    void aMessageTheFramingCannotCarryIsBadUsage() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "frame-client", "--framing", "typed", "N123");
        result.assertOneLineFailure(Cli.USAGE);
        assertTrue(result.stderr().contains("8 payload bytes, not 3"), result.stderr());
    }

    @Test
    void theTourRunsAndExitsZero() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class);
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("connection closed after 5 of 16 payload bytes"), result.stdout());
        assertEquals("", result.stderr());
    }

    /** Every command the pages show for this chapter parses: a wrong option, or another chapter's jar, fails here. */
    @Test
    void everyCommandThePagesShowParses() throws Exception {
        sockets.common.testing.ReadmeCommands.assertEveryShownCommandParses("02-framing", Main.class, 9);
    }
}
