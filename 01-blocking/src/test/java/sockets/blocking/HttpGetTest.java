package sockets.blocking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockets.common.testing.TestSockets;

/** {@code http-get} against a real server written elsewhere: the JDK's SimpleFileServer. */
class HttpGetTest {
    @TempDir
    Path folder;

    private HttpServer server;
    private String base;

    @BeforeEach
    void startFileServer() {
        server = SimpleFileServer.createFileServer(TestSockets.anyLoopbackPort(), folder,
                SimpleFileServer.OutputLevel.NONE);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopFileServer() {
        server.stop(0);
    }

    @Test
    void fetchesAFileByteForByte() throws Exception {
        byte[] content = TestSockets.randomBytes(868, 300_000);
        Files.write(folder.resolve("data.bin"), content);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpGet.Head head = HttpGet.fetch(URI.create(base + "/data.bin"), body, TestSockets.TIMEOUT_MS);
        assertEquals(200, head.status(), head.statusLine());
        assertArrayEquals(content, body.toByteArray());
    }

    @Test
    void reportsTheStatusOfAMissingFile() throws Exception {
        HttpGet.Head head = HttpGet.fetch(URI.create(base + "/nothing-here"), new ByteArrayOutputStream(),
                TestSockets.TIMEOUT_MS);
        assertEquals(404, head.status(), head.statusLine());
    }

    @Test
    void refusesAReplyThatIsNotHttp() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 5, TestSockets.loopback())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = fake.accept()) {
                    s.getOutputStream().write("SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException e) {
                    // the client has gone: nothing more to send
                }
            });
            URI url = URI.create("http://127.0.0.1:" + fake.getLocalPort() + "/");
            assertThrows(ProtocolException.class,
                    () -> HttpGet.fetch(url, new ByteArrayOutputStream(), TestSockets.TIMEOUT_MS));
        }
    }
}
