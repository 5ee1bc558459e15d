package sockets.select.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import sockets.common.Cli;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.TestSockets;

/** Chapter 05's commands fail with one line that says what went wrong. */
class OneClearLineTest {

    @Test
    void loadAgainstAClosedPortSaysWhy() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, TestSockets.loopback())) {
            port = probe.getLocalPort(); // free, and closed again below: nothing listens there
        }
        ChapterProcess.Result result = ChapterProcess.run(Main.class, "load", "--port", String.valueOf(port),
                "--connections", "3", "--messages", "1");
        assertTrue(result.exitCode() == Cli.FAILED, result.stderr());
        assertTrue(result.stderr().contains("3 connections failed, 0 echoes wrong; the first: 127.0.0.1:" + port
                + ": Connection refused"), result.stderr());
        result.assertNoStackTrace();
    }
}
