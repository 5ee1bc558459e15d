package sockets.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Draws the IPC benchmarks' committed JMH JSON as two bar charts (round-trip time; throughput) and prints the
 * same figures as two Markdown tables, so neither is drawn by hand. Usage: {@code IpcChart RESULTS.json PREFIX}.
 */
public final class IpcChart {
    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("tcp", "TCP 127.0.0.1");
        LABELS.put("tcp-ns", "TCP 198.18.1.1 (veth)");
        LABELS.put("uds", "Unix domain socket");
        LABELS.put("pipe", "pipe (child's stdin/stdout)");
        LABELS.put("shm", "shared-memory ring");
        LABELS.put("shm-park", "ring without yields");
    }

    private IpcChart() {
    }

    /** One JMH result: its score and error, under a column name. */
    record Cell(double score, double error) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: IpcChart RESULTS.json OUTPUT-PREFIX");
            System.exit(2);
        }
        Map<String, Map<String, Cell>> roundTrip = new LinkedHashMap<>(); // column -> transport -> µs
        Map<String, Map<String, Cell>> throughput = new LinkedHashMap<>(); // column -> transport -> MiB/s
        for (JsonNode run : new ObjectMapper().readTree(Path.of(args[0]).toFile())) {
            JsonNode params = run.path("params");
            String transport = params.path("transport").asText();
            int size = params.path("size").asInt();
            double score = run.path("primaryMetric").path("score").asDouble();
            double error = run.path("primaryMetric").path("scoreError").asDouble();
            if (run.path("benchmark").asText().endsWith(".roundTrip")) {
                String column = size + " B, " + (params.path("placement").asText().equals("split")
                        ? "2 CPUs" : "1 CPU");
                roundTrip.computeIfAbsent(column, c -> new LinkedHashMap<>()).put(transport, new Cell(score, error));
            } else {
                double mib = size / (1024.0 * 1024.0);
                throughput.computeIfAbsent(sizeLabel(size), c -> new LinkedHashMap<>())
                        .put(transport, new Cell(score * mib, error * mib));
            }
        }
        save(chart("Round trip between two processes (lower is better)", "message size, CPUs used",
                "microseconds (log scale)", roundTrip, 0.1), args[1] + "-roundtrip");
        save(chart("Bulk throughput between two processes, 2 CPUs (higher is better)", "size of each write",
                "MiB per second (log scale)", throughput, 10.0), args[1] + "-throughput");
        System.out.print(table("Round trip, µs (± 99.9% error)", roundTrip, "%,.2f ± %,.2f"));
        System.out.println();
        System.out.print(table("Throughput, MiB/s (± 99.9% error)", throughput, "%,.0f ± %,.0f"));
    }

    private static String sizeLabel(int size) {
        return size >= 1024 ? size / 1024 + " KiB writes" : size + " B writes";
    }

    /** A bar chart on a log axis from {@code floor} up: the figures span three orders of magnitude. */
    private static CategoryChart chart(String title, String x, String y, Map<String, Map<String, Cell>> data,
                                       double floor) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500).title(title)
                .xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(floor); // bars grow from the axis minimum; a log axis has no zero
        List<String> columns = new ArrayList<>(data.keySet());
        for (String transport : LABELS.keySet()) {
            if (columns.stream().allMatch(c -> data.get(c).containsKey(transport))) {
                chart.addSeries(LABELS.get(transport), columns,
                        columns.stream().map(c -> data.get(c).get(transport).score()).toList());
            }
        }
        return chart;
    }

    private static void save(CategoryChart chart, String file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file, BitmapEncoder.BitmapFormat.PNG);
    }

    private static String table(String title, Map<String, Map<String, Cell>> data, String format) {
        List<String> columns = new ArrayList<>(data.keySet());
        StringBuilder out = new StringBuilder("| ").append(title).append(" |");
        columns.forEach(c -> out.append(' ').append(c).append(" |"));
        out.append("\n|---|").append("---:|".repeat(columns.size())).append('\n');
        for (String transport : LABELS.keySet()) {
            if (columns.stream().noneMatch(c -> data.get(c).containsKey(transport))) {
                continue;
            }
            out.append("| ").append(LABELS.get(transport)).append(" |");
            for (String column : columns) {
                Cell cell = data.get(column).get(transport);
                out.append(' ').append(cell == null ? "-"
                        : String.format(Locale.ROOT, format, cell.score(), cell.error())).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }
}
