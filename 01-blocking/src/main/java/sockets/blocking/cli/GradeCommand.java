package sockets.blocking.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sockets.blocking.grading.EchoChecks;
import sockets.common.CountConverter;
import sockets.common.Endpoints;
import sockets.common.PortConverter;
import sockets.common.grading.Check;
import sockets.common.grading.Grader;
import sockets.common.grading.GradingException;
import sockets.common.grading.Peer;
import sockets.common.grading.StudentProgram;

/** {@code grade}: runs this chapter's checks against a program in any language that stands in for one of its commands. */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "Grades a program, in any language, that stands in for one of this chapter's commands: starts it"
                + " (replacing {port} in its arguments by a free port), waits for its 'listening on HOST:PORT' line,"
                + " runs the chapter's checks over real sockets on loopback, stops it with SIGTERM, and prints one"
                + " line per check and a total. Exit 0 when every required check passes, 1 when one fails, 2 for bad"
                + " usage. TARGET: echo-server.",
        footer = {"", "Examples:",
            "  java -jar 01-blocking/target/01-blocking.jar grade echo-server -- python3 echo_server.py --port {port}",
            "  java -jar 01-blocking/target/01-blocking.jar grade echo-server --report report.xml -- ./server {port}",
            "  java -jar 01-blocking/target/01-blocking.jar grade echo-server --port 7007   (one already running)"})
final class GradeCommand implements Callable<Integer> {
    static final List<String> TARGETS = List.of("echo-server");
    private static final int READ_TIMEOUT_MS = 5_000;
    private static final long LISTEN_TIMEOUT_MS = 15_000;

    @Parameters(index = "0", paramLabel = "TARGET", description = "The command the program stands in for: echo-server.")
    String target;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "COMMAND",
            description = "After --: the program and its arguments; {port} becomes the port it must listen on.")
    List<String> command = new ArrayList<>();

    @Option(names = "--report", paramLabel = "FILE", description = "Also write a JUnit XML report to FILE.")
    Path report;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "With --port: where a program already running listens; loopback only (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", converter = PortConverter.class,
            description = "Grade a program already running on this port instead of starting one.")
    Integer port;

    @Option(names = "--clients", defaultValue = "100", converter = CountConverter.class,
            description = "Clients at once in the concurrency check (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--timeout-s", defaultValue = "30", converter = CountConverter.class,
            description = "The most one check may take (default: ${DEFAULT-VALUE}).")
    int timeoutS;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!TARGETS.contains(target)) {
            throw new ParameterException(spec.commandLine(), "'" + target + "' is not a command of this chapter to grade"
                    + " (" + String.join(", ", TARGETS) + ")");
        }
        if (command.isEmpty() == (port == null)) {
            throw new ParameterException(spec.commandLine(), "give either the program to start, after --, or --port"
                    + " of one already running");
        }
        if (clients < 1 || timeoutS < 1) {
            throw new ParameterException(spec.commandLine(), "--clients and --timeout-s must be at least 1");
        }
        List<Grader.Outcome> outcomes = new ArrayList<>();
        Check starts = Check.required("starts and prints 'listening on HOST:PORT' first", 1, t -> { });
        StudentProgram program = null;
        InetSocketAddress address;
        try {
            if (port != null) {
                address = Endpoints.resolve(host, port);
            } else {
                program = StudentProgram.start(command, StudentProgram.freePort(), null, LISTEN_TIMEOUT_MS);
                address = program.address();
            }
            InetAddress ip = address.getAddress();
            if (ip == null || !ip.isLoopbackAddress()) {
                throw new GradingException("the program listens on " + Endpoints.format(address)
                        + "; the grader connects only to loopback (bind 127.0.0.1)");
            }
        } catch (GradingException e) {
            if (program != null) {
                program.close();
            }
            outcomes.add(Grader.known(starts, false, e.getMessage()));
            System.out.println(Grader.line(outcomes.get(0)));
            return finish(outcomes, "");
        }
        try {
            System.out.println("grading " + target + " at " + Endpoints.format(address)
                    + (command.isEmpty() ? "" : " (" + String.join(" ", command) + ")"));
            if (program != null) {
                outcomes.add(Grader.known(starts, true, ""));
                System.out.println(Grader.line(outcomes.get(0)));
            }
            String at = address.getAddress().getHostAddress() + " " + address.getPort();
            outcomes.addAll(Grader.run(EchoChecks.all(clients, at), () -> Peer.tcp(address, READ_TIMEOUT_MS),
                    timeoutS * 1000L, System.out));
            if (program != null) {
                boolean stopped = program.stop();
                Grader.Outcome stop = Grader.known(Check.required("stops within 5 s of SIGTERM", 1, t -> { }), stopped,
                        "still running 5 s after SIGTERM; killed");
                outcomes.add(stop);
                System.out.println(Grader.line(stop));
            }
            return finish(outcomes, program == null ? "" : program.stderr());
        } finally {
            if (program != null) {
                program.close();
            }
        }
    }

    private Integer finish(List<Grader.Outcome> outcomes, String stderr) throws java.io.IOException {
        boolean ok = Grader.summarize(outcomes, System.out);
        if (report != null) {
            Grader.writeJUnit(report, "01-blocking " + target, outcomes, stderr);
            System.out.println("report: " + report);
        }
        System.out.flush();
        return ok ? 0 : 1;
    }
}
