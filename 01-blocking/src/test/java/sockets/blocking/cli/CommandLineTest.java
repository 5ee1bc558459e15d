package sockets.blocking.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockets.blocking.SocketBasicsTest;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.common.Cli;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.TestSockets;

/** The chapter's command-line contract, checked on real processes: exit codes, first lines, one-line errors. */
class CommandLineTest {

    @Test
    void aPortOutOfRangeIsBadUsageNamingTheValue() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "echo-server", "--port", "70000");
        result.assertOneLineFailure(Cli.USAGE);
        assertTrue(result.stderr().contains("70000"), result.stderr());
    }

    @Test
    void aPortThatIsNotANumberIsBadUsageNamingTheValue() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "echo-server", "--port", "abc");
        result.assertOneLineFailure(Cli.USAGE);
        assertTrue(result.stderr().contains("'abc'"), result.stderr());
    }

    @Test
    void anUnknownOptionIsBadUsage() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "relay", "--listen", "0", "--to", "x:1", "--bogus");
        result.assertOneLineFailure(Cli.USAGE);
        assertTrue(result.stderr().contains("--bogus"), result.stderr());
    }

    @Test
    void aPortInUseFailsAtRunTimeNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 5, TestSockets.loopback())) {
            String port = String.valueOf(taken.getLocalPort());
            ChapterProcess.Result result = ChapterProcess.run(Main.class, "echo-server", "--port", port);
            result.assertOneLineFailure(Cli.FAILED);
            assertTrue(result.stderr().contains("127.0.0.1:" + port), result.stderr());
        }
    }

    @Test
    void aRefusedConnectionFailsAtRunTimeInOneLine() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, TestSockets.loopback())) {
            port = probe.getLocalPort();
        }
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "echo-client", "--port", String.valueOf(port), "hi");
        result.assertOneLineFailure(Cli.FAILED);
        assertTrue(result.stderr().contains("cannot connect to 127.0.0.1:" + port), result.stderr());
    }

    /** The whole life of a server: its first line, a client served, then SIGTERM and a clean exit. */
    @Test
    void theEchoServerAnnouncesItsAddressServesAndStopsCleanlyOnSigterm() throws Exception {
        try (ChapterProcess server = ChapterProcess.start(Main.class, "echo-server", "--port", "0")) {
            InetSocketAddress address = server.awaitListening();
            ChapterProcess.Result client = ChapterProcess.run(Main.class, "echo-client",
                    "--port", String.valueOf(address.getPort()), "hello,", "echo");
            assertEquals(0, client.exitCode(), client.stderr());
            assertEquals("hello, echo\n", client.stdout());

            server.terminate();
            ChapterProcess.Result stopped = server.awaitExit();
            assertEquals("", stopped.stderr(), "nothing on stderr: no peer fault, no trace");
            assertEquals(1, stopped.stdout().lines().count(), stopped.stdout());
        }
    }

    @Test
    void theEchoClientStreamsStandardInputAndWritesTheEcho(@TempDir Path folder) throws Exception {
        StringBuilder text = new StringBuilder();
        java.util.Random random = new java.util.Random(5);
        for (int line = 0; line < 5_000; line++) {
            text.append("line ").append(line).append(' ').append(Long.toHexString(random.nextLong())).append('\n');
        }
        Path input = Files.writeString(folder.resolve("in.txt"), text);
        try (ThreadPerConnectionServer echo = SocketBasicsTest.echoServer(TestSockets.anyLoopbackPort());
             ChapterProcess client = ChapterProcess.start(Main.class, input,
                     "echo-client", "--port", String.valueOf(echo.start().getPort()))) {
            ChapterProcess.Result result = client.awaitExit();
            assertEquals(0, result.exitCode(), result.stderr());
            assertEquals(text.toString(), result.stdout());
        }
    }

    @Test
    void httpGetWritesTheBodyAndFailsOnAMissingFile(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("hello.txt"), "hello from a real server\n");
        HttpServer files = SimpleFileServer.createFileServer(TestSockets.anyLoopbackPort(), folder,
                SimpleFileServer.OutputLevel.NONE);
        files.start();
        try {
            String base = "http://127.0.0.1:" + files.getAddress().getPort();
            ChapterProcess.Result ok = ChapterProcess.run(Main.class, "http-get", base + "/hello.txt");
            assertEquals(0, ok.exitCode(), ok.stderr());
            assertEquals("hello from a real server\n", ok.stdout());

            ChapterProcess.Result missing = ChapterProcess.run(Main.class, "http-get", base + "/missing.txt");
            missing.assertOneLineFailure(Cli.FAILED);
            assertTrue(missing.stderr().contains("404"), missing.stderr());
        } finally {
            files.stop(0);
        }
    }

    @Test
    void httpsIsBadUsageForThisChapter() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "http-get", "https://example.org/");
        result.assertOneLineFailure(Cli.USAGE);
    }

    @Test
    void theTourRunsAndExitsZero() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class);
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("1,000 of 1,000 clients got their own bytes back"), result.stdout());
        assertTrue(result.stderr().isEmpty(), result.stderr());
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() throws Exception {
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "--help");
        assertEquals(0, result.exitCode());
        for (String command : new String[] {"echo-server", "echo-client", "http-get", "relay", "Exit codes"}) {
            assertTrue(result.stdout().contains(command), command + " in:\n" + result.stdout());
        }
    }

    /** Every command the pages show for this chapter parses: a wrong option, or another chapter's jar, fails here. */
    @Test
    void everyCommandThePagesShowParses() throws Exception {
        sockets.common.testing.ReadmeCommands.assertEveryShownCommandParses("01-blocking", Main.class, 21);
    }
}
