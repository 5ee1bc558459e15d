package sockets.common.grading;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import sockets.common.Endpoints;

/**
 * One grading run, the same for every chapter's {@code grade}: start the program (or find the one
 * running), check it listens on loopback, run the target's checks, stop it with SIGTERM, print the total,
 * write the report. The chapter supplies only its checks.
 */
public final class GradeSession {
    /** How long a program may take to print its 'listening on' line: this, or one check's bound if shorter. */
    private static final long LISTEN_TIMEOUT_MS = 15_000;

    private GradeSession() {
    }

    /**
     * Grades {@code command} (started with {@code {port}} replaced), or the program already listening at
     * {@code running} if {@code command} is empty. {@code checks} makes the checks from the address the
     * program listens on (see {@link #hint} for the one to show a student). Returns the exit code: 0 if every required check passed, else 1. For a
     * Unix-domain-socket server, {@code socketPath} is where {@code {path}} says it must listen (null for TCP),
     * and after its SIGTERM the file must be gone.
     */
    public static int run(String suite, List<String> command, InetSocketAddress running, Path socketPath,
                          long checkTimeoutMs, int readTimeoutMs, Path report, Function<SocketAddress, List<Check>> checks,
                          PrintStream out) throws IOException {
        List<Grader.Outcome> outcomes = new ArrayList<>();
        Check starts = Check.required("starts and prints 'listening on HOST:PORT' first", 1, t -> { });
        StudentProgram program = null;
        SocketAddress address;
        try {
            if (command.isEmpty()) {
                address = running;
            } else {
                program = StudentProgram.start(command, StudentProgram.freePort(), socketPath,
                        Math.min(LISTEN_TIMEOUT_MS, checkTimeoutMs));
                address = program.address();
            }
            InetAddress ip = address instanceof InetSocketAddress inet ? inet.getAddress() : null;
            if (socketPath == null && (ip == null || !ip.isLoopbackAddress())) {
                throw new GradingException("the program listens on " + Endpoints.format(address)
                        + "; the grader connects only to loopback (bind 127.0.0.1)");
            }
        } catch (GradingException e) {
            if (program != null) {
                program.close();
            }
            outcomes.add(Grader.known(starts, false, e.getMessage()));
            out.println(Grader.line(outcomes.get(0)));
            return finish(suite, outcomes, "", report, out);
        }
        try {
            out.println("grading " + suite + " at " + Endpoints.format(address)
                    + (command.isEmpty() ? "" : " (" + String.join(" ", command) + ")"));
            if (program != null) {
                outcomes.add(Grader.known(starts, true, ""));
                out.println(Grader.line(outcomes.get(0)));
            }
            Connector connector = address instanceof InetSocketAddress inet ? () -> Peer.tcp(inet, readTimeoutMs)
                    : () -> Peer.unix((UnixDomainSocketAddress) address, readTimeoutMs);
            outcomes.addAll(Grader.run(checks.apply(address), connector, checkTimeoutMs, out));
            if (program != null) {
                boolean stopped = program.stop();
                Grader.Outcome stop = Grader.known(Check.required("stops within 5 s of SIGTERM", 1, t -> { }), stopped,
                        "still running 5 s after SIGTERM; killed");
                outcomes.add(stop);
                out.println(Grader.line(stop));
                if (socketPath != null) {
                    Grader.Outcome removed = Grader.known(Check.required("removes its socket file on SIGTERM", 1, t -> { }),
                            !Files.exists(socketPath, LinkOption.NOFOLLOW_LINKS),
                            socketPath + " is still there: the next server to start on that path finds it stale");
                    outcomes.add(removed);
                    out.println(Grader.line(removed));
                }
            }
            return finish(suite, outcomes, program == null ? "" : program.stderr(), report, out);
        } finally {
            if (program != null) {
                program.close();
            }
        }
    }

    /** Where a student points {@code nc} to see what a check saw: {@code "127.0.0.1 41877"} or {@code "-U PATH"}. */
    public static String hint(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() + " " + inet.getPort()
                : "-U " + ((UnixDomainSocketAddress) address).getPath();
    }

    /**
     * Grades a client program: {@code checks} runs it through {@link StudentClient} against servers the
     * checks start on loopback, once per check; there is nothing to stop afterwards. The report keeps what
     * the runs wrote on stderr.
     */
    public static int runClient(String suite, StudentClient client, long checkTimeoutMs, Path report,
                                Function<StudentClient, List<Check>> checks, PrintStream out) throws IOException {
        out.println("grading " + suite + " (" + client.command()
                + "; each check runs it once, killed after " + client.boundMs() / 1000 + " s)");
        List<Grader.Outcome> outcomes = Grader.run(checks.apply(client), null, checkTimeoutMs, out);
        return finish(suite, outcomes, client.stderr(), report, out);
    }

    private static int finish(String suite, List<Grader.Outcome> outcomes, String stderr, Path report, PrintStream out)
            throws IOException {
        boolean ok = Grader.summarize(outcomes, out);
        if (report != null) {
            Grader.writeJUnit(report, suite, outcomes, stderr);
            out.println("report: " + report);
        }
        out.flush();
        return ok ? 0 : 1;
    }
}
