package sockets.common.grading;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import sockets.common.Endpoints;

/**
 * One grading run, the same for every chapter's {@code grade}: in a network of its own when sandboxed
 * ({@link PrivateNetwork}), start the program in its sandbox (or find
 * the one running), check it listens on loopback on a port of its own, run the target's checks, stop it
 * and every process it started with SIGTERM, print the total, and only then, with nothing of the
 * program's left, write the report. The chapter supplies only its checks. Whatever happens, the same
 * checks are listed with the same points, so totals can go into a grade book.
 */
public final class GradeSession {
    /** How long a program may take to print its 'listening on' line: this, or one check's bound if shorter. */
    private static final long LISTEN_TIMEOUT_MS = 15_000;

    /** What bounds a run and where it goes: see {@link GradeOptions} for each option. */
    public record Settings(long checkTimeoutMs, int readTimeoutMs, long maxTimeMs, Reports reports, Sandbox sandbox,
                           java.util.function.Predicate<String> chosen, java.util.function.LongSupplier seed) {
    }

    /**
     * Where the result goes besides the screen, each null for not at all: JUnit XML, Gradescope's
     * results.json, GitHub Classroom's reporter's JSON, and a file to append its {@code result=BASE64} line to.
     */
    public record Reports(Path junit, Path gradescope, Path classroom, Path classroomOutput) {
        void write(GradeReport report, PrintStream out) throws IOException {
            if (junit != null) {
                GradeReport.writeAtomically(junit, report.junitXml());
                out.println("report: " + junit);
            }
            if (gradescope != null) {
                GradeReport.writeAtomically(gradescope, report.gradescopeJson());
                out.println("gradescope results: " + gradescope);
            }
            if (classroom != null) {
                GradeReport.writeAtomically(classroom, report.classroomJson());
                out.println("classroom result: " + classroom);
            }
            if (classroomOutput != null) {
                GradeReport.append(classroomOutput, report.classroomOutputLine());
            }
        }
    }

    private static final String STARTS = "starts and prints 'listening on HOST:PORT' first";
    private static final String STOPS = "stops within 5 s of SIGTERM, with every process it started";

    /**
     * Every check a run lists, in order, with its points: for a server, its start, the target's checks, its
     * stop and what its reach checks after the stop (chapter 07: its socket file); for a client, its own alone.
     */
    static List<Check> listed(Target target, List<Check> checks) {
        List<Check> all = new ArrayList<>();
        if (target.server()) {
            all.add(new Check(STARTS, 1, true, t -> { }));
        }
        all.addAll(checks);
        if (target.server()) {
            all.add(new Check(STOPS, 1, true, t -> { }));
            target.reach().afterStop().ifPresent(after -> all.add(new Check(after.name(), after.points(), true, t -> { })));
        }
        return all;
    }

    /** A start or stop check's outcome, or skipped when {@code --only} left it out. */
    private static Grader.Outcome settled(Settings settings, Check check, boolean passed, String detail) {
        return settings.chosen().test(check.name()) ? Grader.known(check, passed, detail) : Grader.skipped(check);
    }

    private GradeSession() {
    }

    /**
     * Grades the server {@code target}: {@code command} started with {@code {port}} (or, for a Unix-socket
     * server, {@code {path}}) replaced, or the program already listening at {@code running} if {@code command}
     * is empty. Returns the exit code: 0 if every required check passed, else 1.
     */
    public static int run(String suite, List<String> command, InetSocketAddress running, Target target,
                          Settings settings, PrintStream out) throws IOException {
        Path socketPath = target.reach().socketPath();
        Function<SocketAddress, List<Check>> checks = address -> target.checks().apply(
                new Target.Given(target.reach(), address, null, settings.seed(), settings.readTimeoutMs()));
        java.util.Optional<Target.AfterStop> afterStop = target.reach().afterStop();
        boolean started = !command.isEmpty();
        if (started) {
            java.util.OptionalInt inner = PrivateNetwork.enter(settings.sandbox(), out);
            if (inner.isPresent()) {
                return inner.getAsInt();
            }
        }
        long deadline = System.nanoTime() + settings.maxTimeMs() * 1_000_000;
        List<Grader.Outcome> outcomes = new ArrayList<>();
        Check starts = new Check(STARTS, 1, started, t -> { });
        Check stops = new Check(STOPS, 1, started, t -> { });
        Check afterStopCheck = afterStop.map(after -> new Check(after.name(), after.points(), started, t -> { }))
                .orElse(null);
        String notStarted = "not run: the program was already running (--port), so its start and stop are not graded";
        if (!settings.sandbox().weaker().isEmpty() && started) {
            out.println(settings.sandbox().weaker());
        }
        if (socketPath != null) {
            settings.sandbox().share(socketPath.getParent());
        }
        StudentProgram program = null;
        SocketAddress address;
        try {
            if (started) {
                program = StudentProgram.startOnFreePort(settings.sandbox(), command, socketPath,
                        Math.min(LISTEN_TIMEOUT_MS, settings.checkTimeoutMs()), StudentProgram::freePort);
                address = program.address();
            } else {
                address = running;
            }
            InetAddress ip = address instanceof InetSocketAddress inet ? inet.getAddress() : null;
            if (socketPath == null && (ip == null || !ip.isLoopbackAddress())) {
                throw new GradingException("the program listens on " + Endpoints.format(address)
                        + "; the grader connects only to loopback (bind 127.0.0.1, or 0.0.0.0)");
            }
            if (program != null && address instanceof InetSocketAddress inet) {
                PortOwner.verify(inet.getPort(), program.processes());
            }
        } catch (GradingException e) {
            if (program != null) {
                program.close();
            }
            settings.sandbox().cleanUp();
            outcomes.add(Grader.known(starts, false, e.getMessage()));
            Grader.print(outcomes.get(0), Grader.Watch.NONE, out);
            for (Check check : checks.apply(target.reach().placeholder())) {
                outcomes.add(Grader.known(check, false, "not run: the program did not start"));
            }
            outcomes.add(Grader.known(stops, false, "not run: the program did not start"));
            if (afterStopCheck != null) {
                outcomes.add(Grader.known(afterStopCheck, false, "not run: the program did not start"));
            }
            outcomes.subList(1, outcomes.size()).forEach(o -> out.println(Grader.line(o)));
            return finish(suite, outcomes, program == null ? "" : program.stderr(), settings.reports(), out);
        }
        String stderr = "";
        try {
            out.println("grading " + suite + " at " + Endpoints.format(address)
                    + (started ? " (" + Shown.terminal(String.join(" ", command)) + ")" : ""));
            out.println(Kit.running().line());
            outcomes.add(started ? Grader.known(starts, true, "") : Grader.known(starts, false, notStarted));
            Grader.print(outcomes.get(0), Grader.Watch.NONE, out);
            Connector connector = target.reach().connector(address, settings.readTimeoutMs());
            Grader.Watch watch = program == null ? Grader.Watch.NONE : program.watch();
            outcomes.addAll(Grader.run(checks.apply(address), settings.chosen(), connector, settings.checkTimeoutMs(), deadline,
                    settings.maxTimeMs(), watch, out));
            Grader.Outcome stop;
            if (program == null) {
                stop = Grader.known(stops, false, notStarted);
            } else if (program.ending().isPresent()) {
                stop = settled(settings, stops, false, "not run: your program " + program.ending().get() + " before it");
            } else {
                StringBuilder why = new StringBuilder(); // stopped whether or not --only chose the check
                boolean stopped = program.stop(why);
                stop = settled(settings, stops, stopped, why + "; killed");
            }
            outcomes.add(stop);
            Grader.print(stop, Grader.Watch.NONE, out);
            if (afterStopCheck != null) {
                Grader.Outcome after;
                if (program == null) {
                    after = Grader.known(afterStopCheck, false, notStarted);
                } else {
                    java.util.Optional<String> failure = afterStop.get().failure().get();
                    after = settled(settings, afterStopCheck, failure.isEmpty(), failure.orElse(""));
                }
                outcomes.add(after);
                Grader.print(after, Grader.Watch.NONE, out);
            }
        } finally {
            if (program != null) {
                program.close();
                stderr = program.stderr();
            }
            settings.sandbox().cleanUp();
        }
        return finish(suite, outcomes, stderr, settings.reports(), out);
    }

    /**
     * Grades a client program: the target's checks run it through {@link StudentClient} against servers the
     * checks start on loopback, once per check; each run is stopped with every process it started. The
     * report keeps what the runs wrote on stderr.
     */
    public static int runClient(String suite, StudentClient client, Target target, Settings settings, PrintStream out)
            throws IOException {
        java.util.OptionalInt inner = PrivateNetwork.enter(settings.sandbox(), out);
        if (inner.isPresent()) {
            return inner.getAsInt();
        }
        if (!settings.sandbox().weaker().isEmpty()) {
            out.println(settings.sandbox().weaker());
        }
        out.println("grading " + suite + " (" + Shown.terminal(client.command())
                + "; each check runs it once, killed after " + client.boundMs() / 1000 + " s)");
        out.println(Kit.running().line());
        long deadline = System.nanoTime() + settings.maxTimeMs() * 1_000_000;
        List<Grader.Outcome> outcomes;
        try {
            List<Check> checks = target.checks().apply(new Target.Given(target.reach(), null, client, settings.seed(),
                    settings.readTimeoutMs()));
            outcomes = Grader.run(checks, settings.chosen(), target.reach().connector(null, 0),
                    settings.checkTimeoutMs(), deadline,
                    settings.maxTimeMs(), Grader.Watch.NONE, out);
        } finally {
            client.stopAll();
            settings.sandbox().cleanUp();
        }
        return finish(suite, outcomes, client.stderr(), settings.reports(), out);
    }

    private static int finish(String suite, List<Grader.Outcome> outcomes, String stderr, Reports reports, PrintStream out)
            throws IOException {
        GradeReport report = new GradeReport(suite, outcomes, stderr, Kit.running());
        out.println(report.summary());
        reports.write(report, out);
        out.flush();
        return report.ok() ? 0 : 1;
    }
}
