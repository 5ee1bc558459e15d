package sockets.select;

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
import sockets.common.JmhChart;

/**
 * Draws {@link EchoBenchmark}'s committed JMH JSON as two bar charts (messages per second, and round-trip
 * time) and prints the same figures as a Markdown table, so that neither the charts nor the table are
 * drawn by hand. Usage: {@code EchoChart RESULTS.json OUTPUT-PREFIX}.
 */
public final class EchoChart {
    private static final List<String> DESIGNS = List.of("platform", "virtual", "selector", "selectorN", "netty");
    private static final Map<String, String> LABELS = Map.of("platform", "platform threads", "virtual",
            "virtual threads", "selector", "selector, 1 thread", "selectorN", "selector, 1 per core", "netty",
            "Netty 4.2 NIO");

    private EchoChart() {
    }

    /** messages/s and its error, the round-trip time and its error, by design, then by connections. */
    record Point(double messagesPerSecond, double error, double roundMicros, double roundError) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: EchoChart RESULTS.json OUTPUT-PREFIX");
            System.exit(2);
        }
        Map<String, Map<Integer, Point>> results = read(Path.of(args[0]));
        List<Integer> counts = new ArrayList<>(results.values().iterator().next().keySet());
        counts.sort(null);

        CategoryChart throughput = new CategoryChartBuilder().width(900).height(500)
                .title("Echo throughput, 64-byte messages (higher is better)")
                .xAxisTitle("connections").yAxisTitle("messages per second").build();
        CategoryChart latency = new CategoryChartBuilder().width(900).height(500)
                .title("Round-trip time with every connection's message in flight (lower is better)")
                .xAxisTitle("connections").yAxisTitle("microseconds per round (log scale)").build();
        // From 1 to 10,000 connections the times span four orders of magnitude: on a linear axis the short
        // bars vanish. The error bars are JMH's 99.9% confidence intervals.
        latency.getStyler().setYAxisLogarithmic(true);
        latency.getStyler().setYAxisMin(1.0); // bars on a log axis must start above 0
        latency.getStyler().setErrorBarsColorSeriesColor(true);
        throughput.getStyler().setErrorBarsColorSeriesColor(true);
        for (String design : DESIGNS) {
            if (!results.containsKey(design)) {
                continue;
            }
            List<String> x = counts.stream().map(String::valueOf).toList();
            Map<Integer, Point> points = results.get(design);
            throughput.addSeries(LABELS.get(design), x, counts.stream().map(c -> points.get(c).messagesPerSecond()).toList(),
                    counts.stream().map(c -> points.get(c).error()).toList());
            latency.addSeries(LABELS.get(design), x, counts.stream().map(c -> points.get(c).roundMicros()).toList(),
                    counts.stream().map(c -> JmhChart.logAxisError(points.get(c).roundMicros(), points.get(c).roundError()))
                            .toList());
        }
        BitmapEncoder.saveBitmap(throughput, args[1] + "-throughput", BitmapEncoder.BitmapFormat.PNG);
        BitmapEncoder.saveBitmap(latency, args[1] + "-latency", BitmapEncoder.BitmapFormat.PNG);

        StringBuilder table = new StringBuilder("| design |");
        counts.forEach(c -> table.append(" ").append(c).append(c == 1 ? " connection" : " connections").append(" |"));
        table.append("\n|---|").append("---|".repeat(counts.size())).append('\n');
        for (String design : DESIGNS) {
            if (!results.containsKey(design)) {
                continue;
            }
            table.append("| ").append(LABELS.get(design)).append(" |");
            for (int c : counts) {
                Point p = results.get(design).get(c);
                table.append(String.format(Locale.ROOT, " %,.0f ± %,.0f msg/s, %,.0f µs |", p.messagesPerSecond(),
                        p.error(), p.roundMicros()));
            }
            table.append('\n');
        }
        System.out.print(table);
    }

    static Map<String, Map<Integer, Point>> read(Path json) throws IOException {
        Map<String, Map<Integer, Point>> results = new LinkedHashMap<>();
        for (JsonNode run : new ObjectMapper().readTree(json.toFile())) {
            String design = run.path("params").path("server").asText();
            int connections = run.path("params").path("connections").asInt();
            double rounds = run.path("primaryMetric").path("score").asDouble();
            double error = run.path("primaryMetric").path("scoreError").asDouble();
            results.computeIfAbsent(design, d -> new LinkedHashMap<>())
                    // the time per round is 1/rounds; its error, to first order, error/rounds^2
                    .put(connections, new Point(rounds * connections, error * connections, 1e6 / rounds,
                            1e6 * error / (rounds * rounds)));
        }
        return results;
    }
}
