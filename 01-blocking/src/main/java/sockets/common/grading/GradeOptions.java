package sockets.common.grading;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Option(names = "--report", paramLabel = "FILE", description = "Also write a JUnit XML report to FILE (GitLab,"
            + " Jenkins): one test case per check, the points and the kit's version and jar hash as properties.")
    Path report;

    @Option(names = "--gradescope", paramLabel = "FILE", description = "Also write Gradescope's results.json to FILE."
            + " Example: --gradescope /autograder/results/results.json (what --autograder-zip's script does).")
    Path gradescope;

    @Option(names = "--classroom", paramLabel = "FILE", description = "Also write the result GitHub Classroom's grading"
            + " reporter reads (JSON: version, status, max_score, tests with name, status, score, message) to FILE.")
    Path classroom;

    @Option(names = "--classroom-output", paramLabel = "FILE", description = "Append 'result=' and that result in"
            + " base64 to FILE. Example, in a GitHub Actions step with an id: --classroom-output \"$GITHUB_OUTPUT\".")
    Path classroomOutput;

    @Option(names = "--list", description = "Print the target's checks and points, and the kit's version and jar"
            + " hash, running nothing (for an assignment sheet). Example: grade echo-server --list")
    boolean list;

    @Option(names = "--class", paramLabel = "DIR", description = "Grade a whole class: every folder in DIR is one"
            + " student's submission, graded by the command after -- run in it (as a grade of its own: sandbox,"
            + " limits), --jobs at once; a folder of reports per student under --out, and --out/gradebook.csv."
            + " Example: grade echo-server --class submissions -- ./run.sh --port {port}")
    Path classDir;

    @Option(names = "--jobs", paramLabel = "N", converter = CountConverter.class,
            description = "With --class: submissions graded at once (default: the cores, here ${DEFAULT-VALUE}).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "graded",
            description = "With --class: where the reports and gradebook.csv go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--again", description = "With --class: grade again the submissions --out already has a report"
            + " for (skipped otherwise, so an interrupted run resumes).")
    boolean again;

    @Option(names = "--autograder-zip", paramLabel = "FILE", description = "Write Gradescope's autograder zip for this"
            + " target to FILE and exit: setup.sh, run_autograder (which runs the command after -- in the"
            + " submission), and the kit's jar. Example: grade echo-server --autograder-zip echo.zip -- ./run.sh --port {port}")
    Path autograderZip;

    @Option(names = "--kit-jar", paramLabel = "JAR", description = "With --autograder-zip: the jar to put in it"
            + " (default: the one running).")
    Path kitJar;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "With --port: where a program already running listens; loopback only (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", converter = PortConverter.class,
            description = "Grade a program already running on this port instead of starting one.")
    Integer port;

    @Option(names = "--timeout-s", defaultValue = "30", converter = CountConverter.class,
            description = "The most one check may take, everything it started included, and a server its 'listening on'"
                    + " line (15 s at most) (default: ${DEFAULT-VALUE}).")
    int timeoutS;

    @Option(names = "--read-timeout-s", defaultValue = "5", converter = CountConverter.class,
            description = "How long a check waits for the program's next bytes (default: ${DEFAULT-VALUE}).")
    int readTimeoutS;

    @Option(names = "--max-time-s", defaultValue = "600", converter = CountConverter.class,
            description = "The most the whole run's checks may take; checks left then are failed as not run"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxTimeS;

    @Option(names = "--no-sandbox", description = "Run the program with your files, environment and network (it is"
            + " still stopped with every process it started). Default: sandboxed where bubblewrap works.")
    boolean noSandbox;

    @Option(names = "--submission", paramLabel = "DIR", defaultValue = ".",
            description = "The student's folder: copied into the sandbox, where the program runs, at the same path"
                    + " (default: the current folder).")
    Path submission;

    @Option(names = "--allow-read", paramLabel = "DIR",
            description = "A folder the sandboxed program may also read (hidden otherwise if under /home, /root or"
                    + " /tmp), such as a toolchain in your home; repeatable. Files and folders the command names"
                    + " (a script, a jar, a class path's entries) are readable without it.")
    List<Path> allowRead = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME=VALUE",
            description = "A variable for the program, beside PATH, HOME, LANG and TZ=UTC; repeatable.")
    java.util.Map<String, String> env = new java.util.LinkedHashMap<>();

    @Option(names = "--max-memory-mb", defaultValue = "1024", converter = CountConverter.class,
            description = "Memory each of the program's processes may allocate (RLIMIT_DATA) (default: ${DEFAULT-VALUE}).")
    int maxMemoryMb;

    @Option(names = "--max-processes", defaultValue = "1024", converter = CountConverter.class,
            description = "Processes and threads the program may run at once (RLIMIT_NPROC in its own user namespace;"
                    + " a thread per client counts; not applied when grading as root) (default: ${DEFAULT-VALUE}).")
    int maxProcesses;

    @Option(names = "--max-cpu-s", defaultValue = "300", converter = CountConverter.class,
            description = "CPU seconds each process may use (RLIMIT_CPU) (default: ${DEFAULT-VALUE}).")
    int maxCpuS;

    @Option(names = "--max-open-files", defaultValue = "4096", converter = CountConverter.class,
            description = "Descriptors each process may hold open (RLIMIT_NOFILE) (default: ${DEFAULT-VALUE}).")
    int maxOpenFiles;

    @Option(names = "--max-file-size-mb", defaultValue = "64", converter = CountConverter.class,
            description = "The largest file the program may write (RLIMIT_FSIZE) (default: ${DEFAULT-VALUE}).")
    int maxFileSizeMb;

    @Option(names = "--only", paramLabel = "TEXT",
            description = "Run only the checks whose name contains TEXT (any case), to work on one: repeatable; the"
                    + " others are listed as not run, and the exit code is whether the chosen ones passed. Not a grade."
                    + " Example: --only 'half-close'.")
    List<String> only = new ArrayList<>();

    private CommandSpec spec;

    @Option(names = "--seed", paramLabel = "N",
            description = "Fixes the values a check draws afresh each run (the instants a time client is sent), to"
                    + " repeat a run; printed when not given.")
    Long seed;

    private static final String SEED_VARIABLE = "SOCKETS_GRADE_SEED";

    /** The seed for values drawn afresh each run: {@code --seed}, or a new one, printed so the run can be repeated. */
    public long seed() {
        if (seed == null) {
            String handed = System.getenv(SEED_VARIABLE); // the outer grader drew it (see PrivateNetwork)
            if (handed != null && PrivateNetwork.inside()) {
                seed = Long.parseLong(handed);
            } else {
                seed = new java.security.SecureRandom().nextLong() & 0xffff_ffffL;
                System.out.println("seed " + seed + " (--seed " + seed + " repeats this run's values)");
            }
            PrivateNetwork.handOn(SEED_VARIABLE, String.valueOf(seed));
        }
        return seed;
    }

    /** Where the program runs and how it is held, from these options. */
    public Sandbox sandbox() {
        return Sandbox.choose(!noSandbox, new Sandbox.Limits(maxMemoryMb, maxProcesses, maxCpuS, maxOpenFiles,
                maxFileSizeMb), submission, allowRead, env);
    }

    private GradeSession.Settings settings() {
        return new GradeSession.Settings(timeoutS * 1000L, readTimeoutS * 1000, maxTimeS * 1000L,
                new GradeSession.Reports(report, gradescope, classroom, classroomOutput), sandbox(), this::chosen,
                this::seed);
    }

    /** Whether {@code --only} lets the check called {@code name} run: every check when it is not given. */
    boolean chosen(String name) {
        return only.isEmpty() || only.stream().anyMatch(text -> matches(name, text));
    }

    private static boolean matches(String name, String text) {
        return name.toLowerCase(java.util.Locale.ROOT).contains(text.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * What {@code grade} does other than grade one program: {@code --list}, {@code --autograder-zip},
     * {@code --class}. Empty when it is to grade one; else the exit code. {@code listed} makes every check
     * the run would list ({@link GradeSession#listed}), none run.
     */
    private java.util.OptionalInt besides(java.util.function.Supplier<List<Check>> listed) throws IOException {
        if (!list && autograderZip == null && classDir == null) {
            return java.util.OptionalInt.empty();
        }
        List<Check> all = listed.get();
        if (list) {
            int points = all.stream().mapToInt(Check::points).sum();
            System.out.println(spec.root().name() + " " + target + ": " + all.size() + " checks, " + points + " points ("
                    + Kit.running().line() + ")");
            for (int i = 0; i < all.size(); i++) {
                Check check = all.get(i);
                System.out.printf("%3d  %d point%s  %s%s%n", i + 1, check.points(), check.points() == 1 ? " " : "s",
                        check.name(), check.required() ? "" : " (optional)");
            }
            return java.util.OptionalInt.of(0);
        }
        List<String> passOn = passedOn();
        if (autograderZip != null) {
            Path jar = kitJar != null ? kitJar : Kit.runningJar().orElseThrow(() -> new ParameterException(
                    spec.commandLine(), "--autograder-zip puts the running jar in the zip, and this grader runs from a"
                    + " classes folder: run it from the chapter's jar, or name one with --kit-jar"));
            AutograderZip.write(autograderZip, jar, passOn, command);
            System.out.println("autograder zip: " + autograderZip + " (upload it as the assignment's autograder;"
                    + " submissions are started with: " + Shown.terminal(String.join(" ", command)) + ")");
            return java.util.OptionalInt.of(0);
        }
        List<String> grader = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // The class's graders run with this one's JVM options (a heap bound, say), on its class path.
        grader.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        grader.addAll(List.of("-cp", System.getProperty("java.class.path"), spec.root().userObject().getClass().getName()));
        grader.addAll(passOn);
        try {
            return java.util.OptionalInt.of(ClassGrading.run(classDir, out, jobs, again, grader, command, all,
                    maxTimeS * 1000L, sandbox().sandboxed(), System.out));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalInt.of(1);
        }
    }

    /** Options a class's or Gradescope's own grader runs are taken out of what this one was given. */
    private static final java.util.Set<String> NOT_PASSED_ON = java.util.Set.of("--class", "--jobs", "--out",
            "--report", "--gradescope", "--classroom", "--classroom-output", "--submission", "--autograder-zip",
            "--kit-jar");
    private static final java.util.Set<String> FLAGS_NOT_PASSED_ON = java.util.Set.of("--again", "--list");

    /** This command's arguments before {@code --}, from {@code grade} on, less the options of {@link #NOT_PASSED_ON}. */
    private List<String> passedOn() {
        List<String> given = spec.commandLine().getParseResult().originalArgs();
        int from = given.indexOf(spec.name());
        int to = given.indexOf("--");
        List<String> kept = new ArrayList<>();
        for (int i = Math.max(0, from); i < (to < 0 ? given.size() : to); i++) {
            String arg = given.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (NOT_PASSED_ON.contains(name)) {
                i += arg.contains("=") ? 0 : 1;
            } else if (!FLAGS_NOT_PASSED_ON.contains(arg)) {
                kept.add(arg);
            }
        }
        return kept;
    }

    /** Refuses an {@code --only} that is in no listed check's name, naming the checks there are. */
    private void checkOnly(java.util.function.Supplier<List<Check>> listed) {
        if (only.isEmpty()) {
            return; // the checks are made once, where they run: making them may draw values (and print the seed)
        }
        List<String> names = listed.get().stream().map(Check::name).toList();
        for (String text : only) {
            if (names.stream().noneMatch(name -> matches(name, text))) {
                throw new ParameterException(spec.commandLine(), "--only '" + text + "' is in no check's name; the"
                        + " checks: " + String.join("; ", names));
            }
        }
    }

    /** How long a check waits for the program's next bytes, or its next datagram. */
    public int readTimeoutMs() {
        return readTimeoutS * 1000;
    }

    /**
     * The target asked for, among the chapter's {@code targets}; and checks what picocli cannot: a program or a
     * port (not both), a timeout, folders that exist.
     */
    public Target target(CommandSpec spec, List<Target> targets) {
        this.spec = spec;
        Target chosen = targets.stream().filter(t -> t.name().equals(target)).findFirst().orElseThrow(() ->
                new ParameterException(spec.commandLine(), "'" + target + "' is not a command of this chapter to grade"
                        + " (" + String.join(", ", targets.stream().map(Target::name).toList()) + ")"));
        if (!command.isEmpty() && !spec.commandLine().getParseResult().originalArgs().contains("--")) {
            throw new ParameterException(spec.commandLine(), sockets.common.Cli.MISSING_DASHES);
        }
        if (!chosen.server() && port != null) {
            throw new ParameterException(spec.commandLine(), "a client is graded by running it: give its command after --,"
                    + " not --port");
        }
        if (chosen.reach().socketPath() != null && port != null) {
            throw new ParameterException(spec.commandLine(), "a Unix-socket server is graded by starting it on a path of"
                    + " the grader's: give its command after --, with {path}, not --port");
        }
        if (list) {
            return chosen;
        }
        if ((classDir != null || autograderZip != null) && (command.isEmpty() || port != null)) {
            throw new ParameterException(spec.commandLine(), (classDir != null ? "--class" : "--autograder-zip")
                    + " needs the command that starts a submission after --, as students are told: -- ./run.sh"
                    + " --port {port}");
        }
        if (classDir != null && !Files.isDirectory(classDir)) {
            throw new ParameterException(spec.commandLine(), "--class is not a folder: " + classDir);
        }
        if (command.isEmpty() == (port == null)) {
            throw new ParameterException(spec.commandLine(), "give either the program to start, after --, or --port"
                    + " of one already running");
        }
        if (report != null && Files.isDirectory(report)) {
            throw new ParameterException(spec.commandLine(), "--report names a folder: " + report);
        }
        if (!Files.isDirectory(submission)) {
            throw new ParameterException(spec.commandLine(), "--submission is not a folder: " + submission);
        }
        if (classDir == null && port == null && autograderZip == null && Sandbox.holdsTheTemporaryFolder(submission)
                && sandbox().sandboxed()) { // only bubblewrap's sandbox copies the submission
            throw new ParameterException(spec.commandLine(), "the submission folder " + submission.toAbsolutePath()
                    .normalize() + " holds the temporary folder, where the sandbox copies it: run grade from the"
                    + " student's folder, or name it with --submission DIR");
        }
        if (timeoutS < 1 || readTimeoutS < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout-s and --read-timeout-s must be at least 1");
        }
        return chosen;
    }

    /**
     * Grades {@code target}, as the options say: lists its checks ({@code --list}), writes an autograder zip,
     * grades a class folder, or grades one program. A server is started once (or found at {@code --port}) and
     * connected to; a client is run once per check (killed after twice the read timeout, at least 3 s) against
     * servers the checks start. {@code chapter} names the run in the reports ({@code 01-blocking}).
     */
    public int grade(String chapter, Target target) throws IOException {
        String suite = target.suite(chapter);
        long clientBoundMs = Math.max(3_000L, readTimeoutS * 2_000L);
        java.util.function.Supplier<List<Check>> listed = () -> target.listed(new Target.Given(target.reach(),
                target.reach().placeholder(), target.server() ? null : new StudentClient(command, clientBoundMs,
                Sandbox.none()), this::seed, readTimeoutMs()));
        java.util.OptionalInt other = besides(listed);
        if (other.isPresent()) {
            return other.getAsInt();
        }
        checkOnly(listed);
        GradeSession.Settings settings = settings();
        if (!target.server()) {
            return GradeSession.runClient(suite, new StudentClient(command, clientBoundMs, settings.sandbox()), target,
                    settings, System.out);
        }
        InetSocketAddress running = port == null ? null : Endpoints.resolve(host, port);
        return GradeSession.run(suite, command, running, target, settings, System.out);
    }
}
