package dev.parallelrun.benchmarks.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    private static final String RESULT = """
            [
              {"jmhVersion": "1.37", "benchmark": "x.OverheadBenchmark.direct", "mode": "avgt", "threads": 1,
               "forks": 1, "jdkVersion": "25", "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "25+36",
               "warmupIterations": 3, "warmupTime": "1 s", "measurementIterations": 5, "measurementTime": "1 s",
               "jvmArgs": ["-Xmx1g"],
               "primaryMetric": {"score": 40.0, "scoreError": 1.0, "scoreUnit": "ns/op"},
               "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 112.0, "scoreUnit": "B/op"}}},
              {"benchmark": "x.OverheadBenchmark.unsampledWrap", "mode": "avgt",
               "primaryMetric": {"score": 42.0, "scoreError": 1.0, "scoreUnit": "ns/op"},
               "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 112.0, "scoreUnit": "B/op"}}},
              {"benchmark": "x.OverheadBenchmark.sampledSlow", "mode": "avgt",
               "primaryMetric": {"score": 1040.0, "scoreError": "NaN", "scoreUnit": "ns/op"},
               "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 900.0, "scoreUnit": "B/op"},
                                    "candidatesSkipped": {"score": 12345.0, "scoreUnit": "#"},
                                    "compared": {"score": 2000.0, "scoreUnit": "ns/op"}}},
              {"benchmark": "x.DifferBenchmark.walk", "mode": "avgt", "params": {"shape": "small"},
               "primaryMetric": {"score": 100.0, "scoreError": 2.0, "scoreUnit": "ns/op"},
               "secondaryMetrics": {}},
              {"benchmark": "x.DifferBenchmark.zjsonpatch", "mode": "avgt", "params": {"shape": "small"},
               "primaryMetric": {"score": 1000.0, "scoreError": 2.0, "scoreUnit": "ns/op"},
               "secondaryMetrics": {}},
              {"benchmark": "x.JsonLinesThroughputBenchmark.engineIntoJsonLines", "mode": "thrpt",
               "primaryMetric": {"score": 1000000.0, "scoreError": 1000.0, "scoreUnit": "ops/s"},
               "secondaryMetrics": {"mismatchLinesWritten": {"score": 120000.0, "scoreUnit": "ops/s"},
                                    "resultsDropped": {"score": 0.0, "scoreUnit": "ops/s"}}},
              {"benchmark": "x.OverheadBenchmark.homeMadeCommonPool", "mode": "avgt",
               "primaryMetric": {"score": 140.0, "scoreError": 1.0, "scoreUnit": "ns/op"},
               "secondaryMetrics": {"compared": {"score": "+INF", "scoreUnit": "ns/op"}}},
              {"benchmark": "x.IdleGapBenchmark.direct", "mode": "ss", "params": {"gap": "2ms"},
               "primaryMetric": {"score": 5.0, "scoreError": 1.0, "scoreUnit": "us/op",
                                 "scorePercentiles": {"50.0": 3.5, "99.0": 40.0},
                                 "rawData": [[3.0, 3.5, 40.0], [4.0]]},
               "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 90000.0, "scoreUnit": "B/op"}}},
              {"benchmark": "x.IdleGapBenchmark.engine", "mode": "ss", "params": {"gap": "2ms"},
               "primaryMetric": {"score": 9.0, "scoreError": 1.0, "scoreUnit": "us/op",
                                 "scorePercentiles": {"50.0": 6.0, "99.0": 55.5},
                                 "rawData": [[5.0, 6.0, 55.5, 7.0]]},
               "secondaryMetrics": {}}
            ]
            """;

    @Test
    void quotesEachBenchmarkAsARatioToTheBaselineOfItsClassWithBytesAndCounters() throws Exception {
        String table = print(new ObjectMapper().readTree(RESULT));

        assertThat(table)
                .contains("JDK 25 (OpenJDK 64-Bit Server VM 25+36), JMH 1.37")
                .contains("JVM options `-Xmx1g`")
                .contains("Machine: ")
                .contains("#### OverheadBenchmark")
                .contains("| benchmark | ns/op | ± | × direct | + vs direct | B/op | candidatesSkipped | compared/s |")
                .contains("| unsampledWrap | 42.0 | 1.00 | 1.05x | +2.00 | 112 | – | – |")
                .contains("| sampledSlow | 1,040 | – | 26.0x | +1,000 | 900 | 12,345 | 500,000 |")
                .contains("#### DifferBenchmark")
                .contains("| zjsonpatch [small] | 1,000 | 2.00 | 10.0x | +900 | 1.00x | 2 |");
    }

    @Test
    void showsRatesPerSecondWhenTheCountersAreRates() throws Exception {
        String table = print(new ObjectMapper().readTree(RESULT));

        assertThat(table)
                .contains("| benchmark | ops/s | ± | mismatchLinesWritten/s | resultsDropped/s |")
                .contains("| engineIntoJsonLines | 1,000,000 | 1,000 | 120,000 | 0 |")
                .contains("| homeMadeCommonPool | 140 | 1.00 | 3.50x | +100 | – | – | 0 |");
    }

    @Test
    void givesTheDistributionOfSingleShotCallsWithPercentilesAgainstTheBaseline() throws Exception {
        String table = print(new ObjectMapper().readTree(RESULT));

        assertThat(table)
                .contains("#### IdleGapBenchmark")
                .contains("| benchmark | calls | mean us/op | p50 us | p99 us | p50 + vs direct | p99 + vs direct |")
                .contains("| direct [2ms] | 4 | 5.00 | 3.50 | 40.0 | +0.00 | +0.00 |")
                .contains("| engine [2ms] | 4 | 9.00 | 6.00 | 55.5 | +2.50 | +15.5 |");
    }

    private static final String MIGRATION = """
            [
              %s
            ]
            """.formatted(String.join(
            ",\n",
            migrationRow("directRead", "OFF", 20, 0),
            migrationRow("read", "OFF", 25, 48),
            migrationRow("directWrite", "OFF", 30, 0),
            migrationRow("directWriteSides", "OFF", 30, 0),
            migrationRow("write", "OFF", 40, 72),
            migrationRow("directRead", "LIVE", 20, 0),
            migrationRow("read", "LIVE", 50, 96),
            migrationRow("readEveryCompared", "LIVE", 400, 300),
            migrationRow("directWrite", "LIVE", 30, 0),
            migrationRow("directWriteSides", "LIVE", 60, 0),
            migrationRow("write", "LIVE", 75, 72)));

    private static String migrationRow(String method, String stage, double score, double bytes) {
        return """
                {"benchmark": "x.MigrationBenchmark.%s", "mode": "avgt", "params": {"stage": "%s"},
                 "primaryMetric": {"score": %s, "scoreError": 1.0, "scoreUnit": "ns/op"},
                 "secondaryMetrics": {"gc.alloc.rate.norm": {"score": %s, "scoreUnit": "B/op"}}}\
                """.formatted(method, stage, score, bytes);
    }

    @Test
    void quotesEachMigrationCallAgainstTheDirectCallOfItsStageReadsBeforeWrites() throws Exception {
        String table = print(new ObjectMapper().readTree(MIGRATION));

        assertThat(table)
                .contains("#### MigrationBenchmark")
                .contains(
                        "| stage | call | direct ns/op | ns/op | ± | × direct | + vs direct | × both sides direct | B/op"
                                + " | direct B/op |")
                .contains("""
                        | OFF | read | 20.0 | 25.0 | 1.00 | 1.25x | +5.00 | – | 48 | 0 |
                        | OFF | write | 30.0 | 40.0 | 1.00 | 1.33x | +10.0 | 1.33x | 72 | 0 |
                        | LIVE | read | 20.0 | 50.0 | 1.00 | 2.50x | +30.0 | – | 96 | 0 |
                        | LIVE | readEveryCompared | 20.0 | 400 | 1.00 | 20.0x | +380 | – | 300 | 0 |
                        | LIVE | write | 30.0 | 75.0 | 1.00 | 2.50x | +45.0 | 1.25x | 72 | 0 |
                        """)
                .doesNotContain("| directRead");
    }

    private static String print(JsonNode results) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultTable.print("result.json", results, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
