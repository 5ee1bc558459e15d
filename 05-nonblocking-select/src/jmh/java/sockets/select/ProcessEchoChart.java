package sockets.select;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;

/**
 * Draws {@link ProcessEchoBench}'s JSON as one chart per load: every round of every design as a dot, so the
 * spread over rounds is what the eye sees, never one figure. Usage: {@code ProcessEchoChart RESULTS.json
 * OUTPUT-PREFIX}; writes {@code OUTPUT-PREFIX-1.png}, {@code -100.png} and {@code -1000.png}.
 */
public final class ProcessEchoChart {
    private ProcessEchoChart() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ProcessEchoChart RESULTS.json OUTPUT-PREFIX");
            System.exit(2);
        }
        JsonNode json = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        List<String> designs = new ArrayList<>();
        int rounds = 0;
        for (JsonNode sample : json.get("samples")) {
            if (!designs.contains(sample.get("design").asText())) {
                designs.add(sample.get("design").asText());
            }
            rounds = Math.max(rounds, sample.get("round").asInt());
        }
        for (ProcessEchoBench.Load each : ProcessEchoBench.LOADS) {
            String load = each.name();
            String connections = load.substring(0, load.indexOf(' ')).replace(",", ""); // "1,000 connections": 1000
            CategoryChart chart = new CategoryChartBuilder().width(900).height(450)
                    .title(load + ": each round a dot (" + json.get("machine").asText() + ", " + json.get("java").asText() + ")")
                    .xAxisTitle("design, each a process of its own").yAxisTitle("messages per second").build();
            chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setXAxisLabelRotation(15);
            for (int round = 1; round <= rounds; round++) {
                List<JsonNode> these = new ArrayList<>();
                for (JsonNode sample : json.get("samples")) {
                    if (sample.get("load").asText().equals(load) && sample.get("round").asInt() == round) {
                        these.add(sample);
                    }
                }
                these.sort(Comparator.comparingInt(sample -> designs.indexOf(sample.get("design").asText())));
                if (!these.isEmpty()) {
                    chart.addSeries("round " + round, these.stream().map(sample -> sample.get("design").asText()).toList(),
                            these.stream().map(sample -> sample.get("messagesPerSecond").asDouble()).toList());
                }
            }
            BitmapEncoder.saveBitmap(chart, args[1] + "-" + connections, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
