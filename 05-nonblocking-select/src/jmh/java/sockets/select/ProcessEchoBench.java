package sockets.select;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The echo designs measured as a user meets them: each server a process of its own, driven by chapter 05's
 * {@code load} command in another process, 64-byte messages on loopback. Three loads: one connection in
 * ping-pong (one message in flight: a round trip's latency), and 100 and 1,000 connections in a closed loop.
 * Each round starts every design afresh, in an order that turns by one each round, warms it up, and measures
 * the three loads; the table gives, per design and load, the median of the rounds with the lowest and the
 * highest beside it, and the ratio of medians to Netty's in the same run. Usage:
 * {@code ProcessEchoBench [--rounds N] [--duration-ms D] [--designs KEY,KEY...] [--out FILE]}, the keys as
 * {@link #DESIGNS} lists them (the default: the six without a JDK setting); Netty is the yardstick, so it
 * belongs in every run that wants ratios.
 *
 * <p>During each ping-pong run it also counts, from Linux's {@code /proc}, what the server's threads did: how
 * often each group of threads slept and was woken, and the CPU it used, per round trip. That shows where a
 * virtual thread's round trip goes: the JDK's poller wakes, then a carrier, where a platform thread wakes once.
 */
public final class ProcessEchoBench {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /** One server design: how to start it after {@code java}, and JVM options of its own. */
    record Design(String key, String name, List<String> jvm, List<String> main) {
    }

    /** Chapter 01's echo server on virtual threads, which the JDK settings below are tried on. */
    private static final List<String> VIRTUAL_ECHO = List.of("sockets.blocking.cli.Main", "echo-server", "--threads",
            "virtual");

    /** Every design this can start; those with a JDK setting are run only when named. */
    static final List<Design> DESIGNS = List.of(
            new Design("platform", "01 platform", List.of(), List.of("sockets.blocking.cli.Main", "echo-server", "--threads",
                    "platform")),
            new Design("virtual", "01 virtual", List.of(), VIRTUAL_ECHO),
            new Design("select1", "05 one loop", List.of(), List.of("sockets.select.cli.Main", "select-echo-server", "--loops",
                    "1")),
            new Design("selectN", "05 N loops", List.of(), List.of("sockets.select.cli.Main", "select-echo-server", "--loops",
                    String.valueOf(CORES))),
            new Design("netty", "Netty NIO", List.of(), List.of("sockets.select.NettyEchoServer", "0", String.valueOf(CORES))),
            new Design("netty-epoll1", "Netty epoll, 1 thread", List.of(), List.of("sockets.select.NettyEchoServer", "0", "1",
                    "epoll")),
            new Design("virtual-pollerMode1", "01 virtual, jdk.pollerMode=1", List.of("-Djdk.pollerMode=1"), VIRTUAL_ECHO),
            new Design("virtual-parallelism1", "01 virtual, jdk.virtualThreadScheduler.parallelism=1",
                    List.of("-Djdk.virtualThreadScheduler.parallelism=1"), VIRTUAL_ECHO),
            new Design("virtual-readPollers1", "01 virtual, jdk.readPollers=1", List.of("-Djdk.readPollers=1"),
                    VIRTUAL_ECHO));

    /** One load: its name and the {@code load} command's arguments for it. */
    record Load(String name, List<String> args) {
    }

    static final List<Load> LOADS = List.of(
            new Load("1 connection, ping-pong", List.of("--mode", "ping-pong")),
            new Load("100 connections", List.of("--connections", "100")),
            new Load("1,000 connections", List.of("--connections", "1000")));

    /** What one {@code load} run printed. */
    record Sample(String design, String load, int round, double messagesPerSecond, long p50Micros, long p99Micros) {
    }

    /**
     * The server's threads at work during one ping-pong run, a group of threads of one name (digits dropped)
     * at a time, as Linux counts them: how often a thread of the group went to sleep and was woken again
     * (voluntary context switches), and the CPU it used (user and system), each per round trip.
     */
    record ThreadWork(String design, int round, String threads, double wakesPerRoundTrip, double cpuMicrosPerRoundTrip) {
    }

    /** One thread as {@code /proc/PID/task/TID} shows it: its name (15 characters at most), sleeps, CPU ticks. */
    record ThreadCount(String name, long wakes, long ticks) {
    }

    /**
     * Linux counts a thread's CPU time in clock ticks of 1/{@code USER_HZ} s; {@code USER_HZ} is 100 on x86-64 and
     * arm64 (what {@code getconf CLK_TCK} prints there).
     */
    private static final double MICROS_PER_TICK = 10_000;

    private static final Pattern THROUGHPUT = Pattern.compile("throughput\\s+([\\d,]+) messages/s");
    private static final Pattern LATENCY = Pattern.compile("p50 ([\\d,]+) us, p90 [\\d,]+ us, p99 ([\\d,]+) us");

    private ProcessEchoBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        long durationMs = 2_000;
        Path out = Path.of("target", "echo-processes.json");
        List<Design> designs = DESIGNS.subList(0, 6);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--duration-ms" -> durationMs = Long.parseLong(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--designs" -> designs = named(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Sample> samples = new ArrayList<>();
        List<ThreadWork> work = new ArrayList<>(); // every ping-pong run's thread counts; none without /proc
        for (int round = 1; round <= rounds; round++) {
            for (int d = 0; d < designs.size(); d++) {
                Design design = designs.get((d + round - 1) % designs.size()); // each round starts one later
                samples.addAll(measure(design, round, durationMs, work));
            }
        }
        List<Map<String, Object>> table = summary(designs, samples);
        print(table, rounds, durationMs);
        List<Map<String, Object>> threads = threadSummary(designs, work);
        printThreads(threads);
        write(out, table, samples, threads, work, rounds, durationMs);
    }

    static List<Design> named(String list) {
        List<Design> chosen = new ArrayList<>();
        for (String key : list.split(",")) {
            chosen.add(DESIGNS.stream().filter(d -> d.key().equals(key.strip())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no design '" + key + "'; the designs: "
                            + DESIGNS.stream().map(Design::key).toList())));
        }
        return chosen;
    }

    /**
     * Starts {@code design}, warms it up (a second at 100 connections), then measures each load; what its threads
     * did during the ping-pong load goes to {@code work}.
     */
    private static List<Sample> measure(Design design, int round, long durationMs, List<ThreadWork> work)
            throws Exception {
        List<String> command = new ArrayList<>(java());
        command.addAll(design.jvm());
        command.addAll(design.main());
        if (!design.main().get(0).endsWith("NettyEchoServer")) {
            command.addAll(List.of("--port", "0", "--backlog", "4096"));
        }
        Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        try {
            int port;
            try {
                port = listeningPort(server);
            } catch (IllegalStateException noStart) {
                String why = new String(server.getErrorStream().readNBytes(2_000), StandardCharsets.UTF_8).strip();
                System.err.printf(Locale.ROOT, "round %d, %s: not measured, it did not start: %s%n", round, design.name(),
                        why.isEmpty() ? noStart.getMessage() : why);
                return List.of();
            }
            Thread.ofVirtual().start(() -> drain(server.getErrorStream()));
            load(port, List.of("--connections", "100"), Math.min(1_000, durationMs)); // warm-up: JIT, caches
            List<Sample> samples = new ArrayList<>();
            for (Load load : LOADS) {
                boolean pingPong = load == LOADS.getFirst();
                Map<Long, ThreadCount> before = pingPong ? threads(server.pid()) : Map.of();
                Map<Long, ThreadCount> seen = new java.util.concurrent.ConcurrentHashMap<>(before);
                Thread counting = pingPong ? Thread.ofPlatform().daemon().start(() -> count(server.pid(), seen)) : null;
                String report;
                try {
                    report = load(port, load.args(), durationMs);
                } finally {
                    if (counting != null) {
                        counting.interrupt();
                        counting.join(5_000);
                    }
                }
                samples.add(parse(design.name(), load.name(), round, report));
                if (pingPong) {
                    double roundTrips = samples.getLast().messagesPerSecond() * durationMs / 1000.0;
                    work.addAll(perRoundTrip(design.name(), round, before, seen, roundTrips));
                }
                System.err.printf(Locale.ROOT, "round %d, %s, %s: %s%n", round, design.name(), load.name(),
                        samples.getLast());
            }
            return samples;
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void drain(java.io.InputStream in) {
        try {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException closed) {
            // the server ended
        }
    }

    /** Reads the server's first line, {@code listening on HOST:PORT}, within 30 s. */
    private static int listeningPort(Process server) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return lines.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line = first.get(30, TimeUnit.SECONDS);
        if (line == null || !line.startsWith("listening on ")) {
            throw new IllegalStateException("the server's first line: " + line);
        }
        Thread.ofVirtual().start(() -> lines.lines().forEach(ignored -> { })); // keep its stdout drained
        return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).strip());
    }

    /** Runs chapter 05's {@code load} in a process of its own against {@code port}; returns what it printed. */
    private static String load(int port, List<String> args, long durationMs) throws Exception {
        List<String> command = new ArrayList<>(java());
        command.addAll(List.of("sockets.select.cli.Main", "load", "--port", String.valueOf(port), "--size", "64",
                "--messages", "1000000000", "--duration-ms", String.valueOf(durationMs)));
        command.addAll(args);
        Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = client.getInputStream().readAllBytes();
        if (!client.waitFor(durationMs + 60_000, TimeUnit.MILLISECONDS)) {
            client.destroyForcibly();
            throw new IllegalStateException("load did not end: " + command);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (client.exitValue() != 0) {
            throw new IllegalStateException("load failed (" + client.exitValue() + "): " + text);
        }
        return text;
    }

    /**
     * Counts the server's threads every 50 ms until interrupted, keeping each thread's last count: a thread
     * that ends during the run (a platform thread's connection closes with it) keeps what it did until then.
     */
    private static void count(long pid, Map<Long, ThreadCount> seen) {
        while (!Thread.currentThread().isInterrupted()) {
            seen.putAll(threads(pid));
            try {
                Thread.sleep(50);
            } catch (InterruptedException stop) {
                break;
            }
        }
        seen.putAll(threads(pid));
    }

    /** The threads of process {@code pid} now, from {@code /proc}; empty where there is none (not Linux). */
    static Map<Long, ThreadCount> threads(long pid) {
        Map<Long, ThreadCount> all = new LinkedHashMap<>();
        try (var tasks = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    long wakes = 0;
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            wakes = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                        }
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime and stime: fields 14, 15
                    all.put(Long.parseLong(task.getFileName().toString()), new ThreadCount(name, wakes, ticks));
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while it was read: it did no work that matters here
                }
            }
        } catch (IOException | RuntimeException noProc) {
            return Map.of();
        }
        return all;
    }

    /** What each group of threads did between two counts, per round trip; groups that did next to nothing left out. */
    static List<ThreadWork> perRoundTrip(String design, int round, Map<Long, ThreadCount> before,
                                         Map<Long, ThreadCount> after, double roundTrips) {
        Map<String, long[]> groups = new java.util.TreeMap<>();
        after.forEach((tid, now) -> {
            ThreadCount then = before.getOrDefault(tid, new ThreadCount(now.name(), 0, 0));
            long[] sum = groups.computeIfAbsent(group(now.name()), g -> new long[2]);
            sum[0] += now.wakes() - then.wakes();
            sum[1] += now.ticks() - then.ticks();
        });
        List<ThreadWork> work = new ArrayList<>();
        groups.forEach((group, sum) -> {
            double wakes = sum[0] / roundTrips;
            double cpu = sum[1] * MICROS_PER_TICK / roundTrips;
            if (roundTrips > 0 && (wakes >= 0.05 || cpu >= 0.5)) {
                work.add(new ThreadWork(design, round, group, wakes, cpu));
            }
        });
        return work;
    }

    /** A thread's group: its name with every run of digits as {@code N} ("ForkJoinPool-1-" and "-2-" are one). */
    static String group(String name) {
        return name.replaceAll("[0-9]+", "N");
    }

    private static Sample parse(String design, String load, int round, String report) {
        Matcher throughput = THROUGHPUT.matcher(report);
        Matcher latency = LATENCY.matcher(report);
        if (!throughput.find() || !latency.find()) {
            throw new IllegalStateException("cannot read the load's report: " + report);
        }
        return new Sample(design, load, round, Double.parseDouble(throughput.group(1).replace(",", "")),
                Long.parseLong(latency.group(1).replace(",", "")), Long.parseLong(latency.group(2).replace(",", "")));
    }

    /** The java that runs this, on this class path: every process runs the same JDK and classes. */
    private static List<String> java() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"));
    }

    /** Per design and load: the median of the rounds, the lowest, the highest, and the ratio to Netty's median. */
    static List<Map<String, Object>> summary(List<Design> designs, List<Sample> samples) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Load load : LOADS) {
            double netty = median(of(samples, "Netty NIO", load.name(), Sample::messagesPerSecond));
            for (Design design : designs) {
                List<Double> all = of(samples, design.name(), load.name(), Sample::messagesPerSecond);
                if (all.isEmpty()) {
                    continue; // it did not start here (Netty's epoll off Linux x86-64): said when it was tried
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("design", design.name());
                row.put("load", load.name());
                double mid = median(all);
                row.put("messagesPerSecondMedian", Math.round(mid));
                row.put("messagesPerSecondLowest", Math.round(all.getFirst()));
                row.put("messagesPerSecondHighest", Math.round(all.getLast()));
                row.put("p50MicrosMedian", Math.round(median(of(samples, design.name(), load.name(), Sample::p50Micros))));
                row.put("p99MicrosMedian", Math.round(median(of(samples, design.name(), load.name(), Sample::p99Micros))));
                row.put("ratioToNetty", Double.isNaN(netty) ? null : hundredths(mid / netty));
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<Double> of(List<Sample> samples, String design, String load,
                                   java.util.function.ToDoubleFunction<Sample> value) {
        return samples.stream().filter(s -> s.design().equals(design) && s.load().equals(load))
                .mapToDouble(value).sorted().boxed().toList();
    }

    /** The median of {@code sorted}, or NaN if it is empty. */
    static double median(List<Double> sorted) {
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void print(List<Map<String, Object>> table, int rounds, long durationMs) {
        System.out.printf(Locale.ROOT, "%d rounds of %d ms a load, %d cores, %s %s%n%n", rounds, durationMs, CORES,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.println("| load | design | messages/s, median (lowest-highest) | × Netty | p50 µs | p99 µs |");
        System.out.println("|---|---|---|---|---|---|");
        for (Map<String, Object> row : table) {
            System.out.printf(Locale.ROOT, "| %s | %s | %,d (%,d-%,d) | %s | %,d | %,d |%n", row.get("load"),
                    row.get("design"), (Long) row.get("messagesPerSecondMedian"), (Long) row.get("messagesPerSecondLowest"),
                    (Long) row.get("messagesPerSecondHighest"), row.get("ratioToNetty") == null ? "-"
                            : String.format(Locale.ROOT, "%.2f", (Double) row.get("ratioToNetty")),
                    (Long) row.get("p50MicrosMedian"), (Long) row.get("p99MicrosMedian"));
        }
    }

    /** Per design and group of threads: the median over the rounds of wakes and CPU per round trip. */
    static List<Map<String, Object>> threadSummary(List<Design> designs, List<ThreadWork> work) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Design design : designs) {
            List<ThreadWork> mine = work.stream().filter(w -> w.design().equals(design.name())).toList();
            for (String group : mine.stream().map(ThreadWork::threads).distinct().sorted().toList()) {
                List<ThreadWork> runs = mine.stream().filter(w -> w.threads().equals(group)).toList();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("design", design.name());
                row.put("threads", group);
                row.put("rounds", runs.size());
                row.put("wakesPerRoundTripMedian", hundredths(median(runs.stream()
                        .map(ThreadWork::wakesPerRoundTrip).sorted().toList())));
                row.put("cpuMicrosPerRoundTripMedian", hundredths(median(runs.stream()
                        .map(ThreadWork::cpuMicrosPerRoundTrip).sorted().toList())));
                rows.add(row);
            }
        }
        return rows;
    }

    private static double hundredths(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static void printThreads(List<Map<String, Object>> rows) {
        System.out.println();
        if (rows.isEmpty()) {
            System.out.println("(no /proc here: the server's threads are not counted; Linux only)");
            return;
        }
        System.out.println("1 connection, ping-pong: the server's threads per round trip (median of the rounds; a"
                + " thread's name has its digits as N, cut to 15 characters as Linux keeps it)");
        System.out.println("| design | threads | wakes (voluntary switches) | CPU µs |");
        System.out.println("|---|---|---|---|");
        for (Map<String, Object> row : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.1f |%n", row.get("design"), row.get("threads"),
                    (Double) row.get("wakesPerRoundTripMedian"), (Double) row.get("cpuMicrosPerRoundTripMedian"));
        }
    }

    private static void write(Path out, List<Map<String, Object>> table, List<Sample> samples,
                              List<Map<String, Object>> threads, List<ThreadWork> work, int rounds, long durationMs)
            throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", CORES + " cores, " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        json.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        json.put("rounds", rounds);
        json.put("durationMs", durationMs);
        json.put("messageBytes", 64);
        json.put("summary", table);
        json.put("samples", samples);
        json.put("pingPongThreads", threads);
        json.put("pingPongThreadRuns", work);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
        System.out.println();
        System.out.println("written: " + out);
    }
}
