package sockets.common.grading;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import sockets.common.CountConverter;
import sockets.common.Endpoints;
import sockets.common.PortConverter;

/**
 * What every chapter's {@code grade} takes: {@code TARGET [--report FILE] [--port P] -- COMMAND ARGS...}.
 * The chapter adds its target's own options (a framing, a client count).
 */
public final class GradeOptions {
    @Parameters(index = "0", paramLabel = "TARGET", description = "The command the program stands in for.")
    String target;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "COMMAND",
            description = "After --: the program and its arguments; {port} becomes the port a server must listen on, or a"
                    + " client connect to (a client's runs also get the check's message words appended).")
    List<String> command = new ArrayList<>();

    @Option(names = "--report", paramLabel = "FILE", description = "Also write a JUnit XML report to FILE.")
    Path report;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "With --port: where a program already running listens; loopback only (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", converter = PortConverter.class,
            description = "Grade a program already running on this port instead of starting one.")
    Integer port;

    @Option(names = "--timeout-s", defaultValue = "30", converter = CountConverter.class,
            description = "The most one check may take, and a server its 'listening on' line (15 s at most) (default: ${DEFAULT-VALUE}).")
    int timeoutS;

    @Option(names = "--read-timeout-s", defaultValue = "5", converter = CountConverter.class,
            description = "How long a check waits for the program's next bytes (default: ${DEFAULT-VALUE}).")
    int readTimeoutS;

    /** How long a check waits for the program's next bytes, or its next datagram. */
    public int readTimeoutMs() {
        return readTimeoutS * 1000;
    }

    /** Checks what picocli cannot: a known target, a program or a port (not both), a timeout. */
    public String target(CommandSpec spec, List<String> targets) {
        if (!targets.contains(target)) {
            throw new ParameterException(spec.commandLine(), "'" + target + "' is not a command of this chapter to grade"
                    + " (" + String.join(", ", targets) + ")");
        }
        if (command.isEmpty() == (port == null)) {
            throw new ParameterException(spec.commandLine(), "give either the program to start, after --, or --port"
                    + " of one already running");
        }
        if (timeoutS < 1 || readTimeoutS < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout-s and --read-timeout-s must be at least 1");
        }
        return target;
    }

    /** Grades a Unix-domain-socket server, {@code {path}} becoming {@code socketPath}. */
    public int grade(String suite, Path socketPath, Function<String, List<Check>> checks)
            throws IOException {
        return GradeSession.run(suite, command, null, socketPath, timeoutS * 1000L, readTimeoutS * 1000, report,
                address -> checks.apply(GradeSession.hint(address)), System.out);
    }

    /** Grades a TCP server with these options; {@code checks} makes the target's checks from a reproduce hint. */
    public int grade(String suite, Function<String, List<Check>> checks) throws IOException {
        return gradeAt(suite, address -> checks.apply(GradeSession.hint(address)));
    }

    /**
     * Grades a server that the checks reach by its address rather than by {@link Connector} (a UDP server):
     * {@code checks} gets the address it listens on.
     */
    public int gradeAt(String suite, Function<InetSocketAddress, List<Check>> checks) throws IOException {
        InetSocketAddress running = port == null ? null : Endpoints.resolve(host, port);
        return GradeSession.run(suite, command, running, null, timeoutS * 1000L, readTimeoutS * 1000, report,
                address -> checks.apply((InetSocketAddress) address), System.out);
    }

    /**
     * Grades a client program: each check runs it (killed after twice the read timeout, at least 3 s)
     * against servers the checks start; {@code --port} of a running program means nothing here.
     */
    public int gradeClient(CommandSpec spec, String suite, Function<StudentClient, List<Check>> checks)
            throws IOException {
        if (port != null) {
            throw new ParameterException(spec.commandLine(), "a client is graded by running it: give its command after --,"
                    + " not --port");
        }
        StudentClient client = new StudentClient(command, Math.max(3_000L, readTimeoutS * 2_000L));
        return GradeSession.runClient(suite, client, timeoutS * 1000L, report, checks, System.out);
    }
}
