package sockets.common.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where a graded program runs. Whatever the machine, every process it starts is stopped with it
 * ({@link Contained}). On Linux with bubblewrap ({@code bwrap}, as Flatpak uses) it also runs sandboxed: in
 * its own PID namespace; the file system read-only, with {@code /tmp}, {@code /home}, {@code /root}, the
 * grader's home and the folders beside the submission hidden behind empty ones; a private copy of the
 * submission, writable, at the submission's own path and as its working folder; read-only, what the
 * command names outside it (a script, a jar, class path entries; {@link #named}); an environment of
 * {@link #ENVIRONMENT} only; and limits on memory, processes, CPU time, open files and file size
 * ({@code prlimit}). Without bubblewrap, Linux still contains the program in a PID namespace
 * ({@code unshare}); elsewhere the grader stops the processes it can see, and says so.
 */
public final class Sandbox {
    /** What the program's environment holds, and nothing else, when sandboxed: the same on every machine. */
    public static final Map<String, String> ENVIRONMENT = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin",
            "LANG", "C.UTF-8", "TZ", "UTC");

    /** The most a submission folder may hold to be copied into the sandbox. */
    static final long MAX_COPY_BYTES = 256L * 1024 * 1024;
    static final int MAX_COPY_FILES = 10_000;

    /** How the program is held. */
    public enum Kind {
        /** bubblewrap: PID namespace, read-only files, private copy, minimal environment, limits. */
        SANDBOX,
        /** util-linux {@code unshare}: a PID namespace, nothing more. */
        PID_NAMESPACE,
        /** No namespace: the processes the grader can see from its own. */
        PROCESSES
    }

    /**
     * The program's limits: memory its processes may allocate each (RLIMIT_DATA), processes and threads of
     * its user in its namespace (RLIMIT_NPROC; root is exempt by the kernel), CPU seconds each, open files
     * each, bytes of any file it writes.
     */
    public record Limits(long memoryMiB, int processes, int cpuSeconds, int openFiles, long fileSizeMiB) {
        public static final Limits DEFAULT = new Limits(1024, 1024, 300, 4096, 64);

        /**
         * {@code "; it reached its ... limit (--option N)"} when how the program ended (its exit code, -1 while it
         * runs) or the end of its stderr shows it hit one of these limits, else empty. The kernel says so
         * with a signal for CPU time (SIGXCPU) and file size (SIGXFSZ); for the others a program sees a
         * failed call, and says so in its own words, which are matched here as Python, Java, C and Go put them.
         */
        public String reached(int exitCode, String stderrTail) {
            String err = stderrTail == null ? "" : stderrTail.toLowerCase(Locale.ROOT);
            if (exitCode == 128 + 24 || err.contains("cpu time limit exceeded")) {
                return "; it reached its CPU time limit (--max-cpu-s " + cpuSeconds + ")";
            }
            if (exitCode == 128 + 25 || err.contains("file size limit exceeded") || err.contains("file too large")) {
                return "; it reached its file size limit (--max-file-size-mb " + fileSizeMiB + ")";
            }
            if (err.contains("too many open files")) {
                return "; it reached its open-file limit (--max-open-files " + openFiles + ")";
            }
            if (err.contains("can't start new thread") || err.contains("create native thread")
                    || err.contains("create new native thread")
                    || (err.contains("fork") && err.contains("resource temporarily unavailable"))) {
                return "; it reached its limit on processes and threads (--max-processes " + processes + ")";
            }
            if (err.contains("memoryerror") || err.contains("outofmemoryerror") || err.contains("cannot allocate memory")
                    || err.contains("bad_alloc") || err.contains("out of memory")
                    || err.contains("could not reserve enough space") || err.contains("memory allocation of")) {
                return "; it reached its memory limit (--max-memory-mb " + memoryMiB + ")";
            }
            return "";
        }

        List<String> prlimit() {
            return List.of("prlimit", "--data=" + memoryMiB * 1024 * 1024, "--nproc=" + processes,
                    "--cpu=" + cpuSeconds + ":" + (cpuSeconds + 5), "--nofile=" + openFiles, // SIGXCPU at the limit, SIGKILL 5 s on
                    "--fsize=" + fileSizeMiB * 1024 * 1024, "--");
        }
    }

    private final Kind kind;
    private final boolean wanted;
    private final boolean prlimit;
    private final String why;
    private final Limits limits;
    private final Path submission;
    private final List<Path> readable;
    private final Map<String, String> extraEnvironment;
    private final List<Path> shared = new ArrayList<>();
    private Path copy;
    private Path scratchRoot;

    private Sandbox(Kind kind, boolean wanted, boolean prlimit, String why, Limits limits, Path submission, List<Path> readable,
                    Map<String, String> extraEnvironment) {
        this.kind = kind;
        this.wanted = wanted;
        this.prlimit = prlimit;
        this.why = why;
        this.limits = limits;
        this.submission = submission;
        this.readable = List.copyOf(readable);
        this.extraEnvironment = Map.copyOf(extraEnvironment);
    }

    /**
     * The strongest holding this machine allows: a sandbox if {@code wanted} and bubblewrap works here, else
     * a PID namespace, else the processes in view. {@code submission} is the folder the program's files are
     * in (copied, when sandboxed); {@code readable} are extra folders it may read.
     */
    public static Sandbox choose(boolean wanted, Limits limits, Path submission, List<Path> readable,
                                 Map<String, String> extraEnvironment) {
        if (!linux()) {
            return new Sandbox(Kind.PROCESSES, wanted, false, "not Linux: no PID namespace here, so a process the program detaches"
                    + " (setsid, a double fork) can outlive grading; grade in a Linux VM or container", limits,
                    submission, readable, extraEnvironment);
        }
        boolean prlimit = wanted && works(List.of("prlimit", "--version"));
        String off = "sandbox off (--no-sandbox)";
        if (wanted) {
            boolean bwrap = works(List.of("bwrap", "--unshare-pid", "--die-with-parent", "--ro-bind", "/", "/", "true"));
            if (bwrap && prlimit) {
                return new Sandbox(Kind.SANDBOX, true, true, "", limits, submission, readable, extraEnvironment);
            }
            off = "sandbox off: " + (bwrap ? "prlimit (util-linux) is not installed"
                    : "bubblewrap (bwrap) is not installed or cannot make namespaces here (apt-get install bubblewrap)");
        }
        String held = wanted ? "; the program runs with your files and network (its environment and limits as in the"
                + " sandbox)" : "; the program runs with your files, environment and network";
        if (works(unshare(List.of("true")))) {
            return new Sandbox(Kind.PID_NAMESPACE, wanted, prlimit, off + held + ", contained in a PID namespace", limits,
                    submission, readable, extraEnvironment);
        }
        return new Sandbox(Kind.PROCESSES, wanted, prlimit, off + held + "; unshare cannot make a PID namespace either, so a process the"
                + " program detaches can outlive grading", limits, submission, readable, extraEnvironment);
    }

    /** A sandbox nothing is started in: for making a client's checks to list them. */
    static Sandbox none() {
        return new Sandbox(Kind.PROCESSES, false, false, "", Limits.DEFAULT, Path.of("."),
                List.of(), Map.of());
    }

    /** The limits the program runs under, when they are applied (prlimit is here): else empty. */
    public java.util.Optional<Limits> limits() {
        return prlimit ? java.util.Optional.of(limits) : java.util.Optional.empty();
    }

    /** Whether the program runs in bubblewrap's sandbox. */
    public boolean sandboxed() {
        return kind == Kind.SANDBOX;
    }

    /** One line saying what is weaker than a sandbox here and how to get one, or empty when sandboxed. */
    public String weaker() {
        return why;
    }

    /** The program may also read and write {@code folder} (a Unix socket's folder the grader made). */
    public void share(Path folder) {
        shared.add(folder.toAbsolutePath().normalize());
    }

    /**
     * Starts {@code command} held as this sandbox holds it; its stdin is closed. When sandboxed, the first
     * call copies the submission into a scratch folder that every later start shares.
     */
    public Contained start(List<String> command) throws IOException {
        List<String> limited = new ArrayList<>(prlimit ? limits.prlimit() : List.of());
        limited.addAll(command);
        List<String> full = new ArrayList<>();
        ProcessBuilder builder = new ProcessBuilder(full);
        switch (kind) {
            case SANDBOX -> {
                full.addAll(bubblewrap(submission.toAbsolutePath().normalize(), copy(), named(command)));
                full.addAll(limited);
            }
            case PID_NAMESPACE -> full.addAll(unshare(init(limited)));
            case PROCESSES -> full.addAll(limited);
        }
        if (kind != Kind.SANDBOX) {
            builder.directory(submission.toFile());
            if (wanted) { // the same environment as in a sandbox, so that flushing is graded alike everywhere
                builder.environment().clear();
                builder.environment().putAll(environment(submission.toAbsolutePath().normalize()));
            }
        }
        builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        try {
            return Contained.start(builder, kind != Kind.PROCESSES);
        } catch (IOException e) {
            throw new GradingException("cannot start " + String.join(" ", command) + ": " + e.getMessage());
        }
    }

    private Map<String, String> environment(Path home) {
        Map<String, String> environment = new LinkedHashMap<>(ENVIRONMENT);
        environment.put("HOME", home.toString());
        environment.putAll(extraEnvironment);
        return environment;
    }

    /**
     * The files and folders {@code command} names, absolute or relative to the submission, that exist outside
     * it: an argument, a word of a shell line ({@code sh -c "python3 /srv/kit/server.py"}), what follows
     * {@code =} ({@code -Dx=PATH}, {@code VAR=PATH}), or an entry of a class path. The instructor's command may
     * name a script, a jar or a class folder anywhere, and the program reads them where the command says,
     * even under a folder the sandbox otherwise hides.
     */
    List<Path> named(List<String> command) {
        Path at = submission.toAbsolutePath().normalize();
        List<Path> found = new ArrayList<>();
        for (String argument : command) {
            List<String> words = new ArrayList<>(List.of(argument)); // whole, for a path with a space in it
            words.addAll(List.of(argument.split("[\\s'\"]+")));
            for (String word : words) {
                String value = word.substring(word.indexOf('=') + 1);
                for (String part : value.split(java.io.File.pathSeparator)) {
                    if (part.isEmpty() || part.indexOf('\0') >= 0 || !(part.contains("/") || part.contains("."))) {
                        continue;
                    }
                    Path path;
                    try {
                        path = at.resolve(part).normalize();
                    } catch (java.nio.file.InvalidPathException e) {
                        continue;
                    }
                    if (!path.startsWith(at) && !path.equals(path.getRoot()) && Files.exists(path)
                            && found.stream().noneMatch(path::startsWith)) {
                        found.removeIf(p -> p.startsWith(path));
                        found.add(path);
                    }
                }
            }
        }
        return found;
    }

    private List<String> bubblewrap(Path at, Path copy, List<Path> named) {
        List<String> args = new ArrayList<>(List.of("bwrap", "--die-with-parent", "--unshare-pid", "--unshare-ipc",
                "--unshare-uts", "--unshare-user-try", "--new-session", "--ro-bind", "/", "/", "--dev", "/dev",
                "--proc", "/proc"));
        List<String> hidden = new ArrayList<>(List.of("/tmp", "/var/tmp", "/home", "/root", "/run/user"));
        hidden.add(System.getProperty("user.home"));
        if (at.getParent() != null) {
            hidden.add(at.getParent().toString()); // the submissions beside this one
        }
        for (String folder : hidden) {
            if (Files.isDirectory(Path.of(folder)) && !folder.equals("/")) {
                args.addAll(List.of("--tmpfs", folder));
            }
        }
        for (Path folder : readable) {
            args.addAll(List.of("--ro-bind-try", folder.toString(), folder.toString()));
        }
        for (Path path : named) {
            if (hidden.stream().anyMatch(folder -> path.startsWith(folder))) {
                args.addAll(List.of("--ro-bind-try", path.toString(), path.toString()));
            }
        }
        for (Path folder : shared) {
            args.addAll(List.of("--bind", folder.toString(), folder.toString()));
        }
        args.addAll(List.of("--bind", copy.toString(), at.toString(), "--chdir", at.toString(), "--clearenv"));
        environment(at).forEach((name, value) -> args.addAll(List.of("--setenv", name, value)));
        args.add("--");
        return args;
    }

    /** Whether {@code folder} is the temporary folder or one of its parents: its copy would copy itself. */
    static boolean holdsTheTemporaryFolder(Path folder) {
        try {
            return Path.of(System.getProperty("java.io.tmpdir")).toRealPath().startsWith(folder.toRealPath());
        } catch (IOException e) {
            return false; // copying says what it cannot read
        }
    }

    /** The private copy of the submission, made on first use. */
    private synchronized Path copy() throws IOException {
        if (copy == null) {
            Path from = submission.toAbsolutePath().normalize();
            if (holdsTheTemporaryFolder(from)) {
                throw new GradingException("the submission folder " + from + " holds the temporary folder, where its"
                        + " copy would go: run grade from the student's folder, or name it with --submission DIR");
            }
            scratchRoot = Files.createTempDirectory("grade-");
            copy = scratchRoot.resolve("submission");
            try {
                copyTree(from, copy);
            } catch (GradingException e) {
                throw e;
            } catch (IOException e) {
                throw new GradingException("cannot copy the submission folder " + from + " into the sandbox: "
                        + e.getClass().getSimpleName() + " on " + e.getMessage());
            }
        }
        return copy;
    }

    /** Removes the scratch folder, once every process of the program is gone. */
    public synchronized void cleanUp() {
        if (scratchRoot != null) {
            delete(scratchRoot);
            scratchRoot = null;
            copy = null;
        }
    }

    /**
     * The program as its own PID namespace's init would run it: {@code sh} stays PID 1 and reaps. Every PID
     * namespace numbers the
     * program 2, so two programs graded at once are both "2"; a JVM keeps a file named by its PID under
     * {@code /tmp/hsperfdata_USER}, finds the other grading's file locked, and prints a warning on stdout,
     * where the "listening on" line must come first. So the namespace mounts its own empty tmpfs on
     * {@code /tmp/hsperfdata_root} (in its own mount namespace: {@code --mount-proc} made one), since the
     * program runs as root there, or as the user mapped to root. The folder is created first only when the
     * grader is root: anyone else would leave a folder named for root that root's own JVMs could not use.
     */
    private static List<String> init(List<String> command) {
        String own = ("root".equals(System.getProperty("user.name")) ? "mkdir -p /tmp/hsperfdata_root 2>/dev/null; " : "")
                + "mount -t tmpfs -o mode=755,size=16m grading /tmp/hsperfdata_root 2>/dev/null; ";
        List<String> args = new ArrayList<>(List.of("sh", "-c", own + "\"$@\" & wait \"$!\"", "sh"));
        args.addAll(command);
        return args;
    }

    private static List<String> unshare(List<String> command) {
        List<String> args = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--kill-child", "--mount-proc"));
        if (!"root".equals(System.getProperty("user.name"))) {
            args.addAll(List.of("--user", "--map-root-user"));
        }
        args.add("--");
        args.addAll(command);
        return args;
    }

    static void copyTree(Path from, Path to) throws IOException {
        long[] counted = new long[2];
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                counted[0] += attrs.size();
                counted[1]++;
                if (counted[0] > MAX_COPY_BYTES || counted[1] > MAX_COPY_FILES) {
                    throw new GradingException("the submission folder " + from + " holds more than "
                            + MAX_COPY_BYTES / (1024 * 1024) + " MiB or " + MAX_COPY_FILES + " files to copy into the"
                            + " sandbox: name the student's own folder with --submission DIR");
                }
                if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                            java.nio.file.LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void delete(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is the system's to clean
        }
    }

    static boolean works(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(linux() || !System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows")
                ? "/dev/null" : "NUL");
    }

    static boolean linux() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux");
    }
}
