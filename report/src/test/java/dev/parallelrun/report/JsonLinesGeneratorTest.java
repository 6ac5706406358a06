package dev.parallelrun.report;

import static dev.parallelrun.report.JsonLinesGenerator.candidate;
import static dev.parallelrun.report.JsonLinesGenerator.json;
import static dev.parallelrun.report.JsonLinesGenerator.result;
import static dev.parallelrun.report.JsonLinesGenerator.run;
import static dev.parallelrun.report.JsonLinesGenerator.summary;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.publisher.jsonlines.JsonLinesPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The line generator the report's tests use writes what the json-lines publisher writes: every line it makes
 * validates against the publisher's {@code schema-2.json}.
 */
class JsonLinesGeneratorTest {

    private static JsonSchema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = JsonLinesPublisher.class.getResourceAsStream("schema-2.json")) {
            assertThat(in)
                    .as("schema-2.json of the json-lines publisher on the test class path")
                    .isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(JsonLinesGenerator.MAPPER.readTree(in));
        }
    }

    private static Set<ValidationMessage> problems(String line) {
        return schema.validate(json(line));
    }

    private static void assertValid(String line) {
        assertThat(problems(line)).as(line).isEmpty();
    }

    @Test
    void migrationLinesWithEveryOptionValidate() {
        java.time.Instant at = java.time.Instant.parse("2026-03-02T09:00:00Z");
        assertValid(JsonLinesGenerator.stage("customer-store", at, null, "OFF", "STARTED")
                .line());
        assertValid(JsonLinesGenerator.stage("customer-store", at, "OFF", "DUAL_WRITE", "SOURCE")
                .host("web-2")
                .jvm("1002-b")
                .line());
        assertValid(JsonLinesGenerator.stage("customer-store", at, "LIVE", "SHADOW", "ROLLBACK")
                .trip("READ_ERROR_RATE", 0.011, 0.01, 1000, "11 failed reads")
                .line());
        assertValid(JsonLinesGenerator.stage("customer-store", at, "SHADOW", "SHADOW", "ACKNOWLEDGED")
                .line());
        assertValid(JsonLinesGenerator.writeFailure("customer-store", at, "42", "NEW", "SHADOW")
                .context("change", "email")
                .line());
        assertValid(JsonLinesGenerator.writeFailure("customer-store", at, null, "OLD", "LIVE")
                .exception("java.lang.IllegalStateException", null)
                .line());
        assertValid(JsonLinesGenerator.migration("customer-store", "1001-a", at, "SHADOW")
                .line());
        assertValid(JsonLinesGenerator.migration("customer-store", "1001-a", at, "SHADOW")
                .host("web-2")
                .sourceStage("LIVE")
                .since(at)
                .counts(100, 2, 30, 3, 5, 0, 0)
                .side("old", 90, 0, 30, 0)
                .side("new", 12, 2, 30, 3)
                .rollbackPending(at, "LIVE", "READ_ERROR_RATE", 0.011, 0.01, 1000, "11 failed reads")
                .readiness(false, "rollback", "none awaiting acknowledgement", "since ...", false)
                .check("time in SHADOW", "at least 7 days", "2 s", false)
                .line());
        assertValid(JsonLinesGenerator.migration("customer-store", "1001-a", at, "SHADOW")
                .readiness(true, "stage", "SHADOW", "SHADOW", true)
                .line());
    }

    @Test
    void resultLinesWithEveryOptionValidate() {
        assertValid(result("pricing", "2026-11-25T10:15:30.123Z")
                .mismatch("5c7d4a9afa1c5b0f", "/total", "/lines/0/sku")
                .line());
        assertValid(result("pricing", "2026-11-25T10:15:30Z")
                .host("web-3")
                .jvm("4711-9f2c1a7e")
                .key("customer-42")
                .context("order", "A-17")
                .context("region", "eu")
                .trace("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7")
                .expiresOn("2027-03-01", false)
                .control(run(41_000).value("{\"total\":10.0,\"lines\":[{\"sku\":\"A\"}]}"))
                .candidate(candidate("engine-v2", Outcome.MISMATCH)
                        .run(run(52_000).value("{\"total\":10.5}"))
                        .signature("5c7d4a9afa1c5b0f")
                        .difference("replace", "/total", "10.5", "10.0")
                        .difference("remove", "/lines", null, "[{\"sku\":\"A\"}]")
                        .difference("add", "/extra", "true", null)
                        .note("a note"))
                .candidate(candidate("same", Outcome.MATCH).run(run(1).value("{\"total\":10.0}")))
                .candidate(candidate("lenient", Outcome.IGNORED).run(run(1).value("{\"total\":10.0}")))
                .candidate(candidate("slow", Outcome.TIMED_OUT)
                        .run(run(250_000_000).timedOut()))
                .candidate(candidate("capped", Outcome.SKIPPED))
                .candidate(candidate("thrower", Outcome.COMPARISON_FAILED).run(run(1).threw("java.lang.Error", null)))
                .line());
        assertValid(result("pricing", "2026-11-25T10:15:30Z")
                .control(run(1).truncated("{\"big\":", 5_000))
                .candidate(candidate("candidate", Outcome.MISMATCH)
                        .run(run(1).threw("java.lang.IllegalStateException", "no")))
                .line());
    }

    @Test
    void summaryLinesWithEveryOptionValidate() {
        assertValid(summary("pricing", "4711-9f2c1a7e", "2026-11-25T10:00:00Z").line());
        assertValid(summary("pricing", "4711-9f2c1a7e", "2026-11-25T10:00:00Z")
                .host("web-2")
                .sampled(1_010)
                .dropped(3)
                .outcome(Outcome.MATCH, 990)
                .outcome(Outcome.MISMATCH, 5)
                .outcome("other", Outcome.TIMED_OUT, 5)
                .outcome("other", Outcome.SKIPPED, 10)
                .errors(5)
                .latency(
                        new long[] {1_000, 40_000, 50_000, 90_000, 400_000},
                        new long[] {1_000, 48_000, 60_000, 120_000, 250_000_000})
                .criteria(new Criteria(10, 0.5, 0.5, 10, 0, Criteria.DEFAULT_MAX_SKIPPED_SHARE))
                .expiresOn("2026-11-01", true)
                .line());
    }

    @Test
    void theSampleReportsLinesValidateExceptTheDeliberatelyHostileOnes() throws IOException {
        Path files = SampleReport.write(dir);
        List<String> lines = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(files)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }

        List<String> checked = lines.stream()
                .filter(line -> !json(line).path("experiment").asText().equals(SampleReport.HOSTILE_EXPERIMENT))
                .filter(line -> !json(line).path("experiment").asText().equals(SampleReport.SKIPPING_EXPERIMENT))
                .toList();

        assertThat(checked).hasSizeGreaterThan(100);
        checked.forEach(JsonLinesGeneratorTest::assertValid);
    }

    @Test
    void linesOfEarlierWritersAndLinesWithTheFieldsAddedWithinSchemaOneBothValidate() {
        String plain = summary("pricing", "4711-9f2c1a7e", "2026-11-25T10:00:00Z")
                .outcome(Outcome.MATCH, 1)
                .line();
        String additions = summary("pricing", "4711-9f2c1a7e", "2026-11-25T10:00:00Z")
                .skipped("CAP", 3)
                .runaways(1, 2)
                .schedulingDelay(new long[] {1, 1, 1, 1, 1})
                .latencyFloor(1_000_000)
                .maxSkippedShare(0.4)
                .readiness(
                        Verdict.Status.INCONCLUSIVE,
                        false,
                        new Verdict.Check("samples", "at least 1000 compared", "0", false, "3 skipped"))
                .line();
        String run = result("pricing", "2026-11-25T10:00:00Z")
                .candidate(candidate("candidate", Outcome.TIMED_OUT)
                        .run(run(5).neverStarted().startDelay(5)))
                .candidate(candidate("other", Outcome.SKIPPED).skipReason("RUNAWAYS"))
                .line();

        assertValid(plain);
        assertThat(plain)
                .doesNotContain("skipped")
                .doesNotContain("runaways")
                .doesNotContain("schedulingDelay")
                .doesNotContain("latencyFloorNanos")
                .doesNotContain("maxSkippedShare")
                .doesNotContain("status");
        assertValid(additions.replace(",\"note\":\"3 skipped\"", ",\"note\":\"3 skipped\""));
        assertValid(run);
        assertThat(json(additions).at("/skipped/CAP").asLong()).isEqualTo(3);
        assertThat(json(additions).at("/outcomes/SKIPPED").asLong()).isEqualTo(3);
        assertThat(json(additions).at("/criteria/maxSkippedShare").asDouble()).isEqualTo(0.4);
        assertThat(json(run).at("/candidates/0/run/started").asBoolean(true)).isFalse();
    }

    @Test
    void linesOfSchema1AndLinesWithAnInputValidate() {
        assertValid(result("pricing", "2026-11-25T10:15:30.123Z")
                .schema(1)
                .mismatch("5c7d4a9afa1c5b0f", "/total")
                .line());
        assertValid(summary("pricing", "4711-9f2c1a7e", "2026-11-25T10:00:00.000Z")
                .schema(1)
                .sampled(3)
                .outcome(Outcome.MATCH, 3)
                .line());
        String withInput = result("pricing", "2026-11-25T10:15:30.123Z")
                .input("{\"id\":\"A-17\",\"email\":\"[REDACTED]\",\"total\":19.90}")
                .mismatch("5c7d4a9afa1c5b0f", "/total")
                .line();
        assertValid(withInput);
        assertThat(withInput)
                .contains("\"expired\":false,\"input\":{\"id\":\"A-17\"")
                .contains("19.90");
    }

    @Test
    void theSchemaIsNotVacuous() {
        JsonNode line =
                json(summary("pricing", "4711-9f2c1a7e", "2026-11-25T10:00:00Z").line());
        ((com.fasterxml.jackson.databind.node.ObjectNode) line).put("time", "2026-11-25T10:00:00Z");

        assertThat(schema.validate(line)).isNotEmpty();
    }
}
