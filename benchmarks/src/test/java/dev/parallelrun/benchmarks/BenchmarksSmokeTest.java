package dev.parallelrun.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallelrun.benchmarks.diff.TreePairs;
import dev.parallelrun.benchmarks.table.ResultTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark of the module once, in this JVM, with tiny iterations and {@code -prof gc}, so that
 * none of them rots: each must produce a score and an allocation figure, and the result table must be made
 * from the JSON result. It measures nothing worth reading.
 */
class BenchmarksSmokeTest {

    private static final String EVERY_BENCHMARK = "dev\\.parallelrun\\.benchmarks\\..*";

    @Test
    void everyBenchmarkRunsOnceWithGcProfilerAndTheTableIsMadeFromItsResult(@TempDir Path dir) throws Exception {
        // JMH's machine-wide lock keeps two measuring runs apart; this run measures nothing, and a benchmark run
        // elsewhere on the machine must not fail the build
        System.setProperty("jmh.ignoreLock", "true");
        Set<String> declared = new TreeSet<>();
        for (BenchmarkListEntry entry : BenchmarkList.defaultList()
                .find(
                        OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
                        List.of(EVERY_BENCHMARK),
                        List.of())) {
            declared.add(entry.getUsername());
        }
        assertThat(declared)
                .as("benchmarks found by JMH's annotation processor")
                .hasSizeGreaterThan(10);

        Path json = dir.resolve("smoke.json");
        Options options = new OptionsBuilder()
                .include(EVERY_BENCHMARK)
                .forks(0)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(50))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .threads(1)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .result(json.toString())
                .resultFormat(ResultFormatType.JSON)
                .build();
        Collection<RunResult> results = new Runner(options).run();

        Set<String> ran = new TreeSet<>();
        List<String> shapes = new ArrayList<>();
        Set<String> tableRows = new TreeSet<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            ran.add(benchmark);
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            if (!benchmark.endsWith("MigrationBenchmark." + method)) {
                tableRows.add("| " + method);
            } else if (!method.startsWith("direct")) { // the direct calls are the figures each row is quoted against
                tableRows.add("| " + result.getParams().getParam("stage") + " | " + method + " | ");
            }
            assertThat(result.getPrimaryResult().getScore())
                    .as(benchmark)
                    .isPositive()
                    .isFinite();
            assertThat(result.getSecondaryResults()).as(benchmark).containsKey("gc.alloc.rate.norm");
            if (benchmark.endsWith("DifferBenchmark.walk")) {
                shapes.add(result.getParams().getParam("shape"));
            }
        }
        assertThat(ran).isEqualTo(declared);
        assertThat(shapes).containsExactlyInAnyOrderElementsOf(TreePairs.SHAPES);

        JsonNode written = new ObjectMapper().readTree(json.toFile());
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        ResultTable.print("smoke.json", written, new PrintStream(table, true, StandardCharsets.UTF_8));
        String text = table.toString(StandardCharsets.UTF_8);
        for (String row : tableRows) {
            assertThat(text).as("table row").contains(row);
        }
        assertThat(text)
                .as("a migration call without its direct call")
                .doesNotContainPattern("\\| [A-Z_]+ \\| \\w+ \\| – \\|");
    }
}
