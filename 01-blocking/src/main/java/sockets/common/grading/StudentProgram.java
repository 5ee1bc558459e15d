package sockets.common.grading;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import sockets.common.HostPort;

/**
 * The program being graded, in any language: started with {@code {port}} and {@code {path}} in its
 * arguments replaced, its first stdout line awaited (it must be {@code listening on HOST:PORT} within a
 * bound), its stderr kept (the first 64 KiB) for the report, and always stopped: SIGTERM, then, if it
 * has not exited within a few seconds, killed. A program that exits early, prints something else first,
 * or floods its output gets one clear line saying so, never a hang.
 */
public final class StudentProgram implements AutoCloseable {
    private static final long STOP_WAIT_MS = 5_000;

    private final Process process;
    private final KeptOutput stderr;
    private final CompletableFuture<String> firstLine = new CompletableFuture<>();
    private SocketAddress address;
    private Path socketPath;

    private StudentProgram(Process process) {
        this.process = process;
        Thread.ofVirtual().start(() -> readFirstLineThenDrain(process.getInputStream()));
        this.stderr = new KeptOutput(process.getErrorStream());
    }

    /** A port nothing listens on now, for {@code {port}}: bound by us, noted, closed. */
    public static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /**
     * Starts {@code command} with its placeholders replaced and waits for {@code listening on ...}.
     * Throws {@link GradingException} with one line if the program does not get that far.
     */
    public static StudentProgram start(List<String> command, int port, Path path, long listenTimeoutMs)
            throws IOException {
        List<String> args = new ArrayList<>();
        for (String arg : command) {
            args.add(arg.replace("{port}", String.valueOf(port)).replace("{path}", path == null ? "" : path.toString()));
        }
        Process process;
        try {
            process = new ProcessBuilder(args).start();
        } catch (IOException e) {
            throw new GradingException("cannot start " + String.join(" ", args) + ": " + e.getMessage());
        }
        process.getOutputStream().close();
        StudentProgram program = new StudentProgram(process);
        program.socketPath = path;
        try {
            program.awaitListening(listenTimeoutMs);
        } catch (GradingException e) {
            program.close();
            throw e;
        }
        return program;
    }

    private void awaitListening(long timeoutMs) {
        String line;
        try {
            line = firstLine.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new GradingException("the program printed no line within " + timeoutMs / 1000
                    + " s; a server's first stdout line must be 'listening on HOST:PORT' (flush it)");
        } catch (ExecutionException | InterruptedException e) {
            throw new GradingException("the program's output could not be read: " + e.getMessage());
        }
        if (line == null) {
            throw new GradingException("the program exited (code " + exitCode() + ") before printing 'listening on"
                    + " HOST:PORT'; its stderr: " + firstLineOf(stderr()));
        }
        if (!line.startsWith("listening on ")) {
            throw new GradingException("the program's first stdout line must be 'listening on HOST:PORT', was: "
                    + abbreviate(line));
        }
        String where = line.substring("listening on ".length()).trim();
        if (socketPath != null) {
            if (!where.equals(socketPath.toString())) {
                throw new GradingException("the program listens on " + where + ", not on the --path it was given ("
                        + socketPath + ")");
            }
            address = UnixDomainSocketAddress.of(socketPath);
            return;
        }
        try {
            HostPort hostPort = HostPort.parse(where);
            address = new InetSocketAddress(hostPort.host(), hostPort.port());
        } catch (IllegalArgumentException e) {
            throw new GradingException("'" + abbreviate(line) + "' does not name HOST:PORT: " + e.getMessage());
        }
    }

    /** Reads the first line (bounded: a flood without a newline is cut), then discards the rest. */
    private void readFirstLineThenDrain(InputStream in) {
        try (in) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n' && line.size() < KeptOutput.KEEP) {
                line.write(b);
            }
            firstLine.complete(b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8).strip());
            in.transferTo(java.io.OutputStream.nullOutputStream()); // stdout after the first line is its business
        } catch (IOException e) {
            firstLine.complete(null);
        }
    }

    /** Where it listens: host and port, or the socket file's address for a Unix domain socket. */
    public SocketAddress address() {
        return address;
    }

    /** The program's stderr so far (at most the first 64 KiB). */
    public String stderr() {
        return stderr.text();
    }

    /**
     * SIGTERM, as {@code kill} would; true if the program exited within {@value #STOP_WAIT_MS} ms. Killed
     * otherwise: a graded program is always stopped.
     */
    public boolean stop() {
        process.toHandle().destroy();
        try {
            if (process.waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return false;
    }

    private String exitCode() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static String firstLineOf(String text) {
        String line = text.lines().findFirst().orElse("(nothing)");
        return abbreviate(line);
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
