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
                                    "candidatesSkipped": {"score": 12345.0, "scoreUnit": "#"}}},
              {"benchmark": "x.DifferBenchmark.walk", "mode": "avgt", "params": {"shape": "small"},
               "primaryMetric": {"score": 100.0, "scoreError": 2.0, "scoreUnit": "ns/op"},
               "secondaryMetrics": {}},
              {"benchmark": "x.DifferBenchmark.zjsonpatch", "mode": "avgt", "params": {"shape": "small"},
               "primaryMetric": {"score": 1000.0, "scoreError": 2.0, "scoreUnit": "ns/op"},
               "secondaryMetrics": {}}
            ]
            """;

    @Test
    void quotesEachBenchmarkAsARatioToTheBaselineOfItsClassWithBytesAndCounters() throws Exception {
        String table = print(new ObjectMapper().readTree(RESULT));

        assertThat(table).contains("JDK 25 (OpenJDK 64-Bit Server VM 25+36), JMH 1.37")
                .contains("JVM options `-Xmx1g`")
                .contains("Machine: ")
                .contains("#### OverheadBenchmark")
                .contains("| unsampledWrap | 42.0 | 1.00 | 1.05x | +2.00 | 112 | – |")
                .contains("| sampledSlow | 1,040 | – | 26.0x | +1,000 | 900 | 12345 |")
                .contains("#### DifferBenchmark")
                .contains("| zjsonpatch [small] | 1,000 | 2.00 | 10.0x | +900 | 1.00x | 2 |");
    }

    private static String print(JsonNode results) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultTable.print("result.json", results, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
