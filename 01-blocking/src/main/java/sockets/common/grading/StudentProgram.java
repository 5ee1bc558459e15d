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
 * The program being graded, in any language: started in its {@link Sandbox} with {@code {port}} and
 * {@code {path}} in its arguments replaced, its first stdout line awaited (it must be
 * {@code listening on HOST:PORT} within a bound), its stderr kept (the first 64 KiB and the last lines) for
 * the report, and always stopped with every process it started: SIGTERM to all of them, then, if any is
 * left after a few seconds, killed. A program that exits early, prints something else first, or floods its
 * output gets one clear line saying so, never a hang.
 */
public final class StudentProgram implements AutoCloseable {
    private static final long STOP_WAIT_MS = 5_000;

    private final Contained program;
    private final Process process;
    private final KeptOutput stderr;
    private final CompletableFuture<String> firstLine = new CompletableFuture<>();
    private final java.util.Optional<Sandbox.Limits> limits;
    private SocketAddress address;
    private Path socketPath;

    private StudentProgram(Contained program, java.util.Optional<Sandbox.Limits> limits) {
        this.program = program;
        this.limits = limits;
        this.process = program.process();
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
     * Starts {@code command} on a port from {@code ports} (the grader's: {@link #freePort()}), as
     * {@link #start} does. A port free when drawn may be taken before the program binds it, when the grading
     * network is shared (no private one: another process's connection may get it as its own port). When the
     * program exits before listening and that port is taken now, or the program said its address was in use,
     * the grader's draw was at fault, not the program: it starts again on the next port, at most
     * {@value #PORT_TRIES} starts in all, and the last failure is the one reported.
     */
    public static StudentProgram startOnFreePort(Sandbox sandbox, List<String> command, Path path,
                                                 long listenTimeoutMs, Ports ports) throws IOException {
        for (int tries = 1; ; tries++) {
            int port = ports.next();
            try {
                return start(sandbox, command, port, path, listenTimeoutMs);
            } catch (PortTaken e) {
                if (tries == PORT_TRIES) {
                    throw new GradingException(e.getMessage());
                }
            }
        }
    }

    /** Where {@link #startOnFreePort} draws its ports. */
    @FunctionalInterface
    public interface Ports {
        int next() throws IOException;
    }

    /** How many starts {@link #startOnFreePort} makes when the port it drew was taken. */
    static final int PORT_TRIES = 3;

    /**
     * Starts {@code command} with its placeholders replaced and waits for {@code listening on ...}.
     * Throws {@link GradingException} with one line if the program does not get that far, {@link PortTaken}
     * if it did not because {@code port} was not free.
     */
    private static StudentProgram start(Sandbox sandbox, List<String> command, int port, Path path,
                                       long listenTimeoutMs) throws IOException {
        List<String> args = new ArrayList<>();
        for (String arg : command) {
            args.add(arg.replace("{port}", String.valueOf(port)).replace("{path}", path == null ? "" : path.toString()));
        }
        StudentProgram program = new StudentProgram(sandbox.start(args), sandbox.limits());
        program.socketPath = path;
        try {
            program.awaitListening(listenTimeoutMs);
        } catch (GradingException e) {
            program.close();
            if (path == null && program.ending().isPresent() && (taken(port) || program.saidAddressInUse())) {
                throw new PortTaken(e.getMessage());
            }
            throw e;
        }
        return program;
    }

    /** A start that failed because the port it was given was not free after all. */
    private static final class PortTaken extends RuntimeException {
        PortTaken(String message) {
            super(message, null, false, false);
        }
    }

    /** Whether something on this machine holds {@code port} on loopback or every address now. */
    private static boolean taken(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Whether its stderr says so: "Address already in use" (C, Java, Python, Go, Node.js alike). */
    private boolean saidAddressInUse() {
        return stderr.text().toLowerCase(java.util.Locale.ROOT).contains("address already in use");
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
            awaitQuietly();
            throw new GradingException("your program " + program.ending().orElse("closed its stdout")
                    + " before printing 'listening on HOST:PORT'" + stderrTail());
        }
        if (!line.startsWith("listening on ")) {
            throw new GradingException("the program's first stdout line must be 'listening on HOST:PORT', was: "
                    + Shown.terminal(abbreviate(line)));
        }
        String where = line.substring("listening on ".length()).trim();
        if (socketPath != null) {
            if (!where.equals(socketPath.toString())) {
                throw new GradingException("the program listens on " + Shown.terminal(where) + ", not on the --path it was given ("
                        + socketPath + ")");
            }
            address = UnixDomainSocketAddress.of(socketPath);
            return;
        }
        try {
            HostPort hostPort = HostPort.parse(where);
            InetSocketAddress named = new InetSocketAddress(hostPort.host(), hostPort.port());
            // A server bound to every address (0.0.0.0, ::) is reached through loopback like any other.
            address = named.getAddress() != null && named.getAddress().isAnyLocalAddress()
                    ? new InetSocketAddress(named.getAddress() instanceof java.net.Inet6Address
                            ? java.net.InetAddress.getByName("::1") : java.net.InetAddress.getByName("127.0.0.1"),
                            hostPort.port())
                    : named;
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            throw new GradingException("'" + Shown.terminal(abbreviate(line)) + "' does not name HOST:PORT: " + e.getMessage());
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
     * {@code "; its stderr ends: ..."} with the last lines it wrote there, made safe to show, or empty; then
     * the limit it reached, when how it ended or those lines show one.
     */
    public String stderrTail() {
        List<String> tail = stderr.lastLines(3);
        String lines = String.join("\n", tail);
        int code = process.isAlive() ? -1 : process.exitValue();
        return (tail.isEmpty() ? "" : "; its stderr ends: " + Shown.terminal(lines))
                + limits.map(l -> l.reached(code, lines)).orElse("");
    }

    /** How it ended ({@code "exited with code 3"}), or empty while it runs. */
    public java.util.Optional<String> ending() {
        return program.ending();
    }

    /** What {@link Grader} watches while the checks run. */
    public Grader.Watch watch() {
        return new Grader.Watch() {
            @Override
            public java.util.Optional<String> ending() {
                return program.ending();
            }

            @Override
            public String stderrTail() {
                return StudentProgram.this.stderrTail();
            }

            @Override
            public java.util.Optional<String> endingWithin(long millis) {
                try {
                    program.awaitExit(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return program.ending();
            }
        };
    }

    /** The processes of the program (for the check that the address it names is its own). */
    public List<ProcessHandle> processes() {
        return program.members();
    }

    /**
     * SIGTERM to every process of the program; true only if every one has ended within
     * {@value #STOP_WAIT_MS} ms and none ignored or blocked the signal. {@code why} gets what kept it
     * running otherwise. Whatever is left is then killed: a graded program is always stopped.
     */
    public boolean stop(StringBuilder why) {
        List<String> deaf = program.terminate();
        boolean ended = false;
        try {
            ended = program.awaitExit(STOP_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!deaf.isEmpty()) {
            why.append("process ").append(String.join(", ", deaf)).append(" ignores or blocks SIGTERM");
        } else if (!ended) {
            why.append("still running ").append(STOP_WAIT_MS / 1000).append(" s after SIGTERM");
        }
        program.kill();
        return ended && deaf.isEmpty();
    }

    /** Waits briefly for the program to finish exiting, so that its exit code can be told. */
    private void awaitQuietly() {
        try {
            program.awaitExit(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }

    /** Kills whatever of the program is left, at once. */
    @Override
    public void close() {
        program.kill();
    }
}
