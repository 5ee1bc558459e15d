package sockets.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.FdExhaustion;
import sockets.common.testing.LogCapture;
import sockets.framing.LengthPrefixFraming;
import sockets.ipc.cli.Main;
import sockets.select.FramingProtocol;

/** The Unix-socket servers survive running out of descriptors, and their log lines tell clients apart. */
class UdsSurvivalTest {

    private static void assertEchoes(UnixDomainSocketAddress address) throws Exception {
        try (SocketChannel client = SocketChannel.open(address)) {
            byte[] hello = "still here?".getBytes(StandardCharsets.US_ASCII);
            client.write(ByteBuffer.wrap(hello));
            ByteBuffer back = ByteBuffer.allocate(hello.length);
            while (back.hasRemaining() && client.read(back) >= 0) {
                // a stream: the echo may come in pieces
            }
            assertEquals("still here?", new String(back.array(), StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest(name = "--model {0}")
    @ValueSource(strings = {"selector", "platform"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void afterRunningOutOfFileDescriptorsTheServerServesAgainByItself(String model, @TempDir Path folder)
            throws Exception {
        FdExhaustion.assumeAvailable();
        Path path = folder.resolve("echo.sock");
        try (ChapterProcess server = FdExhaustion.start(Main.class, "uds-echo-server", "--path", path.toString(),
                "--model", model);
             FdExhaustion flood = new FdExhaustion()) {
            assertEquals("listening on " + path, server.awaitFirstLine());
            UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
            String failed = flood.floodUntilAcceptFails(server, address);
            assertTrue(failed.startsWith("server " + path + ": accept failed: "), failed);
            flood.close();
            assertEchoes(address);
            FdExhaustion.awaitEveryBurstEnded(server);
            server.terminate();
            ChapterProcess.Result result = server.awaitExit();
            assertEquals(143, result.exitCode(), result.stderr());
            result.assertNoStackTrace();
        }
    }

    @Test
    void eachUnnamedClientIsLoggedByTheServersPathAndItsNumber(@TempDir Path folder) throws Exception {
        LogCapture log = new LogCapture();
        Path path = folder.resolve("frames.sock");
        try (UdsServer server = new UdsServer(path, new FramingProtocol(new LengthPrefixFraming(100)), log.log())) {
            UnixDomainSocketAddress address = (UnixDomainSocketAddress) server.start();
            for (int i = 0; i < 2; i++) {
                try (SocketChannel liar = SocketChannel.open(address)) {
                    liar.write(ByteBuffer.wrap(new byte[] {0, 0, 1, 0})); // 256 bytes: over the limit of 100
                    while (liar.read(ByteBuffer.allocate(16)) >= 0) {
                        // until the server closes
                    }
                }
            }
            var lines = log.awaitLines(2);
            assertTrue(lines.get(0).startsWith("peer " + path + "#1: frame length 256 exceeds maximum 100"), lines.get(0));
            assertTrue(lines.get(1).startsWith("peer " + path + "#2: "), lines.get(1));
        }
    }
}
