package sockets.blocking;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import sockets.common.Endpoints;

/**
 * The HOWTO's first example: a client socket used for one exchange. It writes an HTTP/1.0 request
 * by hand, then reads the reply until the server closes the connection, which is how HTTP/1.0
 * marks the end of a response that has no length.
 */
public final class HttpGet {
    private static final int MAX_HEAD = 64 * 1024;

    /** The status line and header lines of a response, as received. */
    public record Head(int status, String statusLine, List<String> headers) {
    }

    private HttpGet() {
    }

    /** Fetches {@code url}, copies the body to {@code body}, and returns the head. */
    public static Head fetch(URI url, OutputStream body, int timeoutMs) throws IOException {
        return fetch(url, head -> body, timeoutMs);
    }

    /** Fetches {@code url}; once the head has come, {@code bodySink} says where the body goes. */
    public static Head fetch(URI url, Function<Head, OutputStream> bodySink, int timeoutMs) throws IOException {
        if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not an http:// URL with a host");
        }
        int port = url.getPort() == -1 ? 80 : url.getPort();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        InetSocketAddress server = Endpoints.resolve(url.getHost(), port);
        try (Socket socket = Clients.connect(server, timeoutMs)) {
            // Buffered, so the request leaves as one write; without flush() it would not leave at all,
            // and both sides would wait for each other until the timeout.
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            String request = "GET " + path + " HTTP/1.0\r\n"
                    + "Host: " + url.getHost() + (url.getPort() == -1 ? "" : ":" + port) + "\r\n"
                    + "Connection: close\r\n"
                    + "\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();

            InputStream in = new BufferedInputStream(socket.getInputStream());
            Head head = readHead(in);
            OutputStream body = bodySink.apply(head);
            in.transferTo(body); // until the server closes: read returns -1
            body.flush();
            return head;
        }
    }

    static Head readHead(InputStream in) throws IOException {
        String statusLine = readLine(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
            throw new ProtocolException("not an HTTP status line: '" + statusLine + "'");
        }
        List<String> headers = new ArrayList<>();
        int size = statusLine.length();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            size += line.length();
            if (size > MAX_HEAD) {
                throw new ProtocolException("response head exceeds " + MAX_HEAD + " bytes");
            }
            headers.add(line);
        }
        return new Head(Integer.parseInt(parts[1]), statusLine, List.copyOf(headers));
    }

    /** Reads one CRLF- (or LF-) terminated line of at most {@link #MAX_HEAD} bytes. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                throw new EOFException("connection closed in the response head");
            }
            if (line.size() == MAX_HEAD) {
                throw new ProtocolException("response head line exceeds " + MAX_HEAD + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
