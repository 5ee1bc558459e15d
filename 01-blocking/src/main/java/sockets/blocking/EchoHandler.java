package sockets.blocking;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * Echoes back every byte it receives (RFC 862). When the client half-closes, everything it sent
 * has been echoed; the handler then half-closes too, so the client reads end of stream.
 */
public final class EchoHandler implements ConnectionHandler {
    private static final int BUFFER = 8192;

    @Override
    public void handle(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[BUFFER];
        int n;
        // read returns what has arrived, 1 to BUFFER bytes, not what the client wrote in one call.
        while ((n = in.read(buffer)) != -1) {
            out.write(buffer, 0, n);
        }
        socket.shutdownOutput();
    }
}
