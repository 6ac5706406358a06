package dev.parallelrun.benchmarks.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallelrun.benchmarks.diff.DifferBenchmark;
import dev.parallelrun.benchmarks.diff.TreePairs;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Prints the README's performance tables (Markdown) from a JMH JSON result ({@code -rf json}).
 *
 * <p>Each benchmark class gets a table; within it, each row is quoted as a ratio to the class's baseline
 * with the same parameters: {@code direct} (the control called directly) or {@code walk} (the plain tree
 * walk), and for the differ also to zjsonpatch, the peer. {@code B/op} is JMH's
 * {@code gc.alloc.rate.norm}, present when the run used {@code -prof gc}. Other secondary results (the
 * counters of sampled benchmarks) get a column each: a count as it is, a rate per second (a counter of type
 * {@code OPERATIONS}, which an {@code AverageTime} run gives as time per counted operation, is turned back into
 * a rate). A class run in {@code SingleShotTime} mode gets the distribution of its calls instead: mean, p50 and
 * p99, each percentile also as the difference to the baseline's. The migration benchmark gets a row per stage and call,
 * each beside the direct call of its stage ({@link StageTable}). The machine line describes the machine the
 * table is made on: make it where the benchmarks ran.
 *
 * <p>Usage: {@code ResultTable results/latest.json}
 */
public final class ResultTable {

    private static final List<String> BASELINES = List.of("direct", "walk");
    private static final String PEER = "zjsonpatch";
    static final String ALLOCATION = "gc.alloc.rate.norm";

    private ResultTable() {}

    /** Reads the JSON result named by the only argument and prints the tables on standard output. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ResultTable <jmh-result.json>");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        JsonNode results = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        if (!results.isArray() || results.isEmpty()) {
            System.err.println(file + ": not a JMH JSON result, or an empty one");
            System.exit(1);
        }
        print(file.getFileName().toString(), results, System.out);
    }

    /**
     * Prints the tables of {@code results} (a JMH JSON result, as read by Jackson) to {@code out}.
     *
     * @param source what the results are called in the heading, usually the file name
     */
    public static void print(String source, JsonNode results, PrintStream out) {
        JsonNode first = results.get(0);
        out.println("Results of `" + source + "`: " + runLine(first));
        out.println();
        out.println("Machine: " + machineLine());
        out.println();
        Map<String, List<Row>> byClass = new LinkedHashMap<>();
        for (JsonNode result : results) {
            Row row = Row.of(result);
            byClass.computeIfAbsent(row.benchmarkClass(), c -> new ArrayList<>())
                    .add(row);
        }
        byClass.forEach((benchmarkClass, rows) -> {
            if (StageTable.covers(benchmarkClass, rows)) {
                StageTable.print(benchmarkClass, rows, out);
            } else {
                printClass(benchmarkClass, ordered(rows), out);
            }
        });
    }

    /** Rows with the same parameters together, in the order the parameters first appear, baseline first. */
    private static List<Row> ordered(List<Row> rows) {
        Map<Map<String, String>, List<Row>> byParams = new LinkedHashMap<>();
        for (Row row : rows) {
            byParams.computeIfAbsent(row.params(), p -> new ArrayList<>()).add(row);
        }
        List<Row> ordered = new ArrayList<>(rows.size());
        for (List<Row> group : byParams.values()) {
            group.stream().filter(r -> BASELINES.contains(r.method())).forEach(ordered::add);
            group.stream().filter(r -> !BASELINES.contains(r.method())).forEach(ordered::add);
        }
        return ordered;
    }

    private static void printClass(String benchmarkClass, List<Row> rows, PrintStream out) {
        if (rows.stream().allMatch(Row::singleShot)) {
            printDistribution(benchmarkClass, rows, out);
            return;
        }
        boolean differ = benchmarkClass.equals(DifferBenchmark.class.getSimpleName());
        Set<String> counters = new LinkedHashSet<>();
        boolean allocation = false;
        for (Row row : rows) {
            counters.addAll(row.counters().keySet());
            allocation |= row.allocation() != null;
        }
        String unit = rows.get(0).unit();
        List<String> header = new ArrayList<>(List.of("benchmark", unit, "±"));
        String baselineName = baselineOf(rows);
        if (baselineName != null) {
            header.add("× " + baselineName);
            if (perOperation(unit)) {
                header.add("+ vs " + baselineName);
            }
        }
        boolean peer = differ && rows.stream().anyMatch(r -> r.method().equals(PEER));
        if (peer) {
            header.add("× " + PEER);
        }
        if (allocation) {
            header.add("B/op");
        }
        if (differ) {
            header.add("operations");
        }
        counters.forEach(counter -> header.add(columnOf(rows, counter)));
        out.println("#### " + benchmarkClass);
        out.println();
        out.println("| " + String.join(" | ", header) + " |");
        out.println("|" + "---|".repeat(1) + "---:|".repeat(header.size() - 1));
        Map<String, Map<String, Integer>> operations = new LinkedHashMap<>();
        for (Row row : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(row.label());
            cells.add(number(row.score()));
            cells.add(Double.isNaN(row.error()) ? "–" : number(row.error()));
            Row baseline = baselineName == null ? null : find(rows, baselineName, row.params());
            if (baselineName != null) {
                cells.add(baseline == null ? "–" : ratio(row, baseline));
                if (perOperation(unit)) {
                    cells.add(baseline == null ? "–" : signed(row.score() - baseline.score()));
                }
            }
            if (peer) {
                Row peerRow = find(rows, PEER, row.params());
                cells.add(peerRow == null ? "–" : ratio(row, peerRow));
            }
            if (allocation) {
                Double bytes = row.allocation();
                cells.add(bytes == null ? "–" : String.format(Locale.ROOT, "%.0f", bytes));
            }
            if (differ) {
                String shape = row.params().getOrDefault("shape", "");
                Map<String, Integer> counts = operations.computeIfAbsent(shape, ResultTable::operationsOf);
                Integer count = counts.get(row.method());
                cells.add(count == null ? "–" : count.toString());
            }
            for (String counter : counters) {
                Counter value = row.counters().get(counter);
                cells.add(value == null ? "–" : String.format(Locale.ROOT, "%,.0f", value.shown()));
            }
            out.println("| " + String.join(" | ", cells) + " |");
        }
        out.println();
    }

    /** The column of a counter: its name, with {@code /s} when it is a rate. */
    private static String columnOf(List<Row> rows, String counter) {
        for (Row row : rows) {
            Counter value = row.counters().get(counter);
            if (value != null) {
                return value.rate() ? counter + "/s" : counter;
            }
        }
        return counter;
    }

    /** A {@code SingleShotTime} class: each call timed on its own, so the distribution is the result. */
    private static void printDistribution(String benchmarkClass, List<Row> rows, PrintStream out) {
        String unit = rows.get(0).unit();
        String baselineName = baselineOf(rows);
        String timeUnit = unit.endsWith("/op") ? unit.substring(0, unit.length() - 3) : unit;
        List<String> header =
                new ArrayList<>(List.of("benchmark", "calls", "mean " + unit, "p50 " + timeUnit, "p99 " + timeUnit));
        if (baselineName != null) {
            header.add("p50 + vs " + baselineName);
            header.add("p99 + vs " + baselineName);
        }
        out.println("#### " + benchmarkClass);
        out.println();
        out.println("| " + String.join(" | ", header) + " |");
        out.println("|" + "---|".repeat(1) + "---:|".repeat(header.size() - 1));
        for (Row row : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(row.label());
            cells.add(String.valueOf(row.calls()));
            cells.add(number(row.score()));
            cells.add(number(row.p50()));
            cells.add(number(row.p99()));
            if (baselineName != null) {
                Row baseline = find(rows, baselineName, row.params());
                cells.add(baseline == null ? "–" : signed(row.p50() - baseline.p50()));
                cells.add(baseline == null ? "–" : signed(row.p99() - baseline.p99()));
            }
            out.println("| " + String.join(" | ", cells) + " |");
        }
        out.println();
    }

    private static Map<String, Integer> operationsOf(String shape) {
        return TreePairs.SHAPES.contains(shape) ? DifferBenchmark.operations(TreePairs.of(shape)) : Map.of();
    }

    private static @Nullable String baselineOf(List<Row> rows) {
        for (String name : BASELINES) {
            for (Row row : rows) {
                if (row.method().equals(name)) {
                    return name;
                }
            }
        }
        return null;
    }

    private static @Nullable Row find(List<Row> rows, String method, Map<String, String> params) {
        for (Row row : rows) {
            if (row.method().equals(method) && row.params().equals(params)) {
                return row;
            }
        }
        return null;
    }

    /** Time per operation: a bigger score costs more. Anything else (ops/s): a bigger score costs less. */
    static boolean perOperation(String unit) {
        return unit.endsWith("/op");
    }

    static String ratio(Row row, Row baseline) {
        double ratio = perOperation(row.unit()) ? row.score() / baseline.score() : baseline.score() / row.score();
        return String.format(Locale.ROOT, ratio >= 100 ? "%.0fx" : ratio >= 10 ? "%.1fx" : "%.2fx", ratio);
    }

    static String number(double value) {
        double magnitude = Math.abs(value);
        return String.format(Locale.ROOT, magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%.1f" : "%.2f", value);
    }

    static String signed(double value) {
        return (value >= 0 ? "+" : "") + number(value);
    }

    private static String runLine(JsonNode result) {
        StringBuilder line = new StringBuilder();
        line.append("JDK ")
                .append(result.path("jdkVersion").asText("?"))
                .append(" (")
                .append(result.path("vmName").asText("?"))
                .append(' ')
                .append(result.path("vmVersion").asText("?"))
                .append("), JMH ")
                .append(result.path("jmhVersion").asText("?"))
                .append(", ")
                .append(result.path("forks").asInt())
                .append(" fork(s) × ")
                .append(result.path("measurementIterations").asInt())
                .append(" iterations of ")
                .append(result.path("measurementTime").asText("?"))
                .append(" after ")
                .append(result.path("warmupIterations").asInt())
                .append(" of ")
                .append(result.path("warmupTime").asText("?"))
                .append(" warm-up, ")
                .append(result.path("threads").asInt())
                .append(" thread(s)");
        List<String> jvmArgs = new ArrayList<>();
        result.path("jvmArgs").forEach(arg -> jvmArgs.add(arg.asText()));
        if (!jvmArgs.isEmpty()) {
            line.append(", JVM options `").append(String.join(" ", jvmArgs)).append('`');
        }
        return line.toString();
    }

    /** The CPU, the processors, the memory and the OS of this machine. */
    static String machineLine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the processor count and OS still say something
        }
        long memory = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + (memory > 0 ? (memory >> 30) + " GiB RAM, " : "")
                + System.getProperty("os.name") + ' ' + System.getProperty("os.version") + ' '
                + System.getProperty("os.arch");
    }
}
