package sockets.blocking;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HOWTO's second design, a process per connection, as far as Java goes. The classic Unix server calls
 * {@code fork()} after {@code accept()} and the child serves the socket it inherited; Java cannot fork,
 * nor hand a socket to a child it starts. What it can do is what inetd does for a program that knows
 * nothing of sockets: start a process per connection and connect the socket to the child's standard
 * input and output, here by copying bytes both ways. With {@code cat} as the program, that is an echo
 * server (inetd's own echo service worked the same way). The cost, measured against a thread per
 * connection, is the point: {@code ServerDesignBenchmark} in this chapter's {@code src/jmh/java}.
 */
public final class ProcessPerConnection implements ConnectionHandler {
    private final List<String> command;

    /** {@code command}: the program each connection gets, for example {@code List.of("cat")}. */
    public ProcessPerConnection(List<String> command) {
        this.command = List.copyOf(command);
    }

    @Override
    public void handle(Socket socket) throws IOException {
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            // The child's output to the client on a thread of its own; the client's bytes to the child here.
            Thread back = Thread.ofVirtual().start(() -> copyQuietly(child.getInputStream(), socket));
            try (OutputStream toChild = child.getOutputStream()) {
                InputStream fromClient = socket.getInputStream();
                byte[] buffer = new byte[8192];
                for (int n = fromClient.read(buffer); n != -1; n = fromClient.read(buffer)) {
                    toChild.write(buffer, 0, n);
                    toChild.flush(); // a Process's stdin is buffered: without this, the child waits for 8 KiB
                }
            } // closing the child's stdin is its end of input: cat then exits, and its output ends
            back.join();
            child.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            child.destroy(); // a child outliving its connection would be a leak of processes
        }
    }

    private static void copyQuietly(InputStream fromChild, Socket socket) {
        try {
            fromChild.transferTo(socket.getOutputStream());
            socket.shutdownOutput(); // the child is done: so is the reply
        } catch (IOException e) {
            // the client went away; the handler's side sees it too and ends the connection
        }
    }
}
