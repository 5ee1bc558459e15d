package sockets.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Draws a chapter's committed JMH results (JSON) as bar charts, one per benchmark class: a bar per
 * benchmark method, a series per parameter setting, JMH's 99.9% confidence interval as the error bar,
 * and a log axis when the scores span more than a factor of 100. Nothing is drawn by hand.
 * Usage: {@code JmhChart RESULTS.json OUTPUT-PREFIX} writes {@code OUTPUT-PREFIX-ClassName.png}. Run from
 * chapter 01: {@code ./mvnw -pl 01-blocking test-compile exec:exec@tool -Dtool.main=sockets.common.JmhChart
 * -Dtool.args="../docs/bench/03-binary-data.json ../docs/bench/03-binary-data"}.
 */
public final class JmhChart {
    private JmhChart() {
    }

    /** One score: its method, its parameters ("bits=32"), the score, its error and its unit. */
    record Score(String method, String params, double score, double error, String unit) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: JmhChart RESULTS.json OUTPUT-PREFIX");
            System.exit(2);
        }
        Map<String, List<Score>> byClass = new LinkedHashMap<>();
        for (JsonNode run : new ObjectMapper().readTree(Path.of(args[0]).toFile())) {
            String[] name = run.path("benchmark").asText().split("\\.");
            List<String> params = new ArrayList<>();
            run.path("params").properties().forEach(p -> params.add(p.getKey() + "=" + p.getValue().asText()));
            JsonNode metric = run.path("primaryMetric");
            double error = metric.path("scoreError").asDouble();
            byClass.computeIfAbsent(name[name.length - 2], k -> new ArrayList<>()).add(new Score(name[name.length - 1],
                    params.isEmpty() ? "score" : String.join(", ", params), metric.path("score").asDouble(),
                    Double.isFinite(error) ? error : 0, metric.path("scoreUnit").asText()));
        }
        for (Map.Entry<String, List<Score>> entry : byClass.entrySet()) {
            Path out = draw(entry.getKey(), entry.getValue(), args[1] + "-" + entry.getKey());
            System.out.println("wrote " + out);
        }
    }

    /**
     * The error to give XChart for a bar of {@code y} ± {@code error} on a log axis. There it draws an error
     * bar as a factor, from y/e to y*e: e = y/(y-error) puts the foot exactly at y-error (kept above 0: an
     * error over 99% of y is drawn as 99%) and the head a little above y+error.
     */
    public static double logAxisError(double y, double error) {
        return y / (y - Math.min(error, 0.99 * y));
    }

    private static Path draw(String benchmark, List<Score> scores, String prefix) throws IOException {
        List<String> methods = scores.stream().map(Score::method).distinct().toList();
        List<String> settings = scores.stream().map(Score::params).distinct().toList();
        double max = scores.stream().mapToDouble(Score::score).max().orElse(1);
        double min = scores.stream().mapToDouble(Score::score).filter(s -> s > 0).min().orElse(1);
        boolean log = max / min > 100;
        String unit = scores.get(0).unit();
        CategoryChart chart = new CategoryChartBuilder().width(Math.min(1400, Math.max(700, 70 * methods.size() * settings.size()))).height(500)
                .title(benchmark + " (higher is better; bars: 99.9% confidence)").xAxisTitle("benchmark")
                .yAxisTitle(unit + (log ? " (log scale)" : "")).build();
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setXAxisLabelRotation(methods.size() > 4 ? 30 : 0);
        if (log) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min / 2))));
        }
        for (String setting : settings) {
            List<Double> y = new ArrayList<>();
            List<Double> e = new ArrayList<>();
            for (String method : methods) {
                Score s = scores.stream().filter(x -> x.method().equals(method) && x.params().equals(setting))
                        .findFirst().orElse(new Score(method, setting, Double.NaN, 0, unit));
                y.add(s.score());
                e.add(log ? logAxisError(s.score(), s.error()) : s.error());
            }
            chart.addSeries(setting, methods, y, e);
        }
        BitmapEncoder.saveBitmap(chart, prefix, BitmapEncoder.BitmapFormat.PNG);
        return Path.of(prefix + ".png");
    }
}
