package dev.parallelrun.benchmarks.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One benchmark (with its parameters) of the result. */
record Row(
        String benchmarkClass,
        String method,
        Map<String, String> params,
        String mode,
        double score,
        double error,
        String unit,
        double p50,
        double p99,
        long calls,
        @Nullable Double allocation,
        Map<String, Counter> counters) {

    static Row of(JsonNode result) {
        String benchmark = result.path("benchmark").asText();
        int dot = benchmark.lastIndexOf('.');
        String className = benchmark.substring(0, Math.max(dot, 0));
        String method = benchmark.substring(dot + 1);
        Map<String, String> params = new LinkedHashMap<>();
        result.path("params")
                .properties()
                .forEach(p -> params.put(p.getKey(), p.getValue().asText()));
        JsonNode primary = result.path("primaryMetric");
        Double allocation = null;
        Map<String, Counter> counters = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> secondary :
                result.path("secondaryMetrics").properties()) {
            String name = secondary.getKey();
            double score = score(secondary.getValue().path("score"));
            if (name.equals(ResultTable.ALLOCATION)) {
                allocation = score;
            } else if (!name.startsWith("gc.") && !name.startsWith("·")) {
                counters.put(
                        name,
                        Counter.of(score, secondary.getValue().path("scoreUnit").asText("#")));
            }
        }
        long calls = 0;
        for (JsonNode fork : primary.path("rawData")) {
            calls += fork.size();
        }
        JsonNode percentiles = primary.path("scorePercentiles");
        return new Row(
                className.substring(className.lastIndexOf('.') + 1),
                method,
                params,
                result.path("mode").asText("?"),
                primary.path("score").asDouble(Double.NaN),
                primary.path("scoreError").asDouble(Double.NaN),
                primary.path("scoreUnit").asText("?"),
                percentiles.path("50.0").asDouble(Double.NaN),
                percentiles.path("99.0").asDouble(Double.NaN),
                calls,
                allocation,
                counters);
    }

    /** A score as JMH writes it: a number, or {@code "NaN"}, {@code "+INF"}, {@code "-INF"}. */
    private static double score(JsonNode value) {
        return switch (value.asText()) {
            case "+INF" -> Double.POSITIVE_INFINITY;
            case "-INF" -> Double.NEGATIVE_INFINITY;
            default -> value.asDouble(Double.NaN);
        };
    }

    /** Whether each call was timed on its own ({@code SingleShotTime}): one measured call per iteration. */
    boolean singleShot() {
        return mode.equals("ss");
    }

    String label() {
        return params.isEmpty() ? method : method + " " + params.values();
    }
}
