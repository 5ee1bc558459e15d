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

    /**
     * One exchange, then closed: the server says nothing of the body's length and closes when it is done
     * (HTTP/1.0), so the body is what came before end of stream; and the client closes its side too, which the
     * server sees as its own read returning -1. A client that read a Content-Length, or kept the socket open
     * for another request, fails here.
     */
    @Test
    void oneExchangeThenClosedByBothTheBodyEndingWhereTheServerClosed() throws Exception {
        byte[] content = TestSockets.randomBytes(3, 100_000);
        try (ServerSocket raw = new ServerSocket(0, 5, TestSockets.loopback())) {
            URI url = URI.create("http://127.0.0.1:" + raw.getLocalPort() + "/data");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            java.util.concurrent.CompletableFuture<HttpGet.Head> fetched = new java.util.concurrent.CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    fetched.complete(HttpGet.fetch(url, body, TestSockets.TIMEOUT_MS));
                } catch (Throwable e) {
                    fetched.completeExceptionally(e);
                }
            });
            try (Socket served = raw.accept()) {
                served.setSoTimeout(TestSockets.TIMEOUT_MS);
                String head = "";
                while (!head.endsWith("\r\n\r\n")) {
                    int b = served.getInputStream().read();
                    assertEquals(true, b != -1, "the request ended early: " + head);
                    head += (char) b;
                }
                served.getOutputStream().write("HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                served.getOutputStream().write(content);
                served.shutdownOutput(); // the end of the body
                assertEquals(-1, served.getInputStream().read(), "the client closed its side after the exchange");
            }
            assertEquals(200, fetched.get(TestSockets.TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS).status());
            assertArrayEquals(content, body.toByteArray());
        }
    }
}
