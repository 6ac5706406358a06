package dev.parallelrun.publisher.jsonlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Candidates;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.publisher.contract.SampleResults;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every line written validates against {@code schema-1.json}, and the schema is not vacuous. */
class SchemaTest {

    private static JsonSchema schema;

    @TempDir
    Path directory;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = JsonLinesPublisher.class.getResourceAsStream("schema-1.json")) {
            assertThat(in).as("schema-1.json on the class path").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Lines.MAPPER.readTree(in));
        }
    }

    private static Set<ValidationMessage> validate(JsonNode line) {
        return schema.validate(line);
    }

    private static void assertValid(List<JsonNode> lines) {
        assertThat(lines).isNotEmpty();
        for (JsonNode line : lines) {
            assertThat(validate(line)).as("%s", Lines.abbreviate(line.toString())).isEmpty();
        }
    }

    record Order(String id, int total) {}

    @Test
    void everyLineOfARealEngineRunValidates() throws Exception {
        JsonLinesPublisher publisher = JsonLinesPublisher.builder(directory).everyResult(true)
                .summaryInterval(Duration.ofMillis(50)).build();
        CountDownLatch never = new CountDownLatch(1);
        try (Laboratory lab = RuntimeLaboratory.builder().publisher(publisher).build()) {
            Experiment<Order> orders = lab.<Order>experiment("orders")
                    .candidateTimeout(Duration.ofMillis(100))
                    .context(() -> Map.of("region", "eu-west", "build", 42))
                    .expiresOn(LocalDate.parse("2020-01-01")) // already expired: the lines say so
                    .build();
            Candidates<Order> candidates = Candidates.<Order>of("same", () -> new Order("A-1", 10))
                    .and("different", () -> new Order("A-1", 11))
                    .and("throws", () -> {
                        throw new IllegalStateException("engine v2 \"exploded\"\nwith ünïcödé");
                    })
                    .and("hangs", () -> {
                        never.await();
                        return new Order("A-1", 10);
                    })
                    .and("returns-null", () -> null);
            orders.run(Call.keyed("customer-7").with("order", "A-1"), () -> new Order("A-1", 10), candidates);
            orders.run(Call.none(), () -> null, candidates);
            try {
                orders.run(Call.keyed("customer-8"), () -> {
                    throw new IOException("control failed");
                }, candidates);
            } catch (IOException expected) {
                // the control's exception reaches the caller: the result is still published
            }
            Experiment<Integer> skipped = lab.<Integer>experiment("skipped").beforeRun(() -> {
                throw new IllegalStateException("no setup today");
            }).build();
            skipped.run(() -> 1, () -> 2);
            Experiment<Integer> failing = lab.<Integer>experiment("failing-comparator").comparator((a, b) -> {
                throw new UnsupportedOperationException("cannot compare");
            }).build();
            failing.run(() -> 1, () -> 2);
            Experiment<Integer> ignoring = lab.<Integer>experiment("ignoring").ignore((control, candidate) -> true).build();
            ignoring.run(() -> 1, () -> 2);
            Experiment<String> capped = lab.<String>experiment("capped").maxValueChars(64).build();
            capped.run(() -> "x".repeat(1_000), () -> "y".repeat(1_000));

            List<Experiment<?>> all = List.of(orders, skipped, failing, ignoring, capped);
            await().until(() -> all.stream().allMatch(e -> e.stats().sampled() == (e == orders ? 3 : 1))
                    && lab.publishingStats().queued() == 0);
            await().until(() -> Lines.summaries(directory).size() >= all.size()); // a periodic round at least
        }

        List<JsonNode> lines = Lines.read(directory);
        assertValid(lines);
        Set<String> outcomes = new HashSet<>();
        for (JsonNode result : Lines.results(directory)) {
            result.get("candidates").forEach(c -> outcomes.add(c.get("outcome").asText()));
        }
        assertThat(outcomes).containsExactlyInAnyOrder(
                Arrays.stream(Outcome.values()).map(Enum::name).toArray(String[]::new));
        assertThat(Lines.results(directory)).hasSize(3 + 4);
        assertThat(Lines.results(directory)).anySatisfy(r -> assertThat(r.get("expired").asBoolean()).isTrue());
        assertThat(Lines.results(directory)).anySatisfy(r ->
                assertThat(r.get("control").path("valueTruncated").asBoolean()).isTrue());
        assertThat(publisher.stats().linesDropped()).isZero();
    }

    @Test
    void everySampleResultValidates() {
        try (JsonLinesPublisher publisher = JsonLinesPublisher.builder(directory).everyResult(true).build()) {
            for (Result<Object> result : SampleResults.all()) {
                publisher.publish(result);
            }
        }

        assertValid(Lines.read(directory));
        assertThat(Lines.read(directory)).hasSize(SampleResults.all().size());
    }

    @Test
    void theSchemaRejectsLinesThatBreakTheFormat() {
        try (JsonLinesPublisher publisher = JsonLinesPublisher.to(directory)) {
            publisher.publish(SampleResults.mismatch());
        }
        JsonNode valid = Lines.read(directory).get(0);
        assertThat(validate(valid)).isEmpty();

        Map<String, Function<ObjectNode, ObjectNode>> breakages = Map.of(
                "no jvm", line -> { line.remove("jvm"); return line; },
                "schema 2", line -> line.put("schema", 2),
                "unknown type", line -> line.put("type", "other"),
                "time without milliseconds", line -> line.put("time", "2026-11-25T10:15:30Z"),
                "unknown field", line -> line.put("extra", true),
                "context value not a string", line -> { ((ObjectNode) line.get("context")).put("n", 1); return line; },
                "remove with a value", line -> {
                    ((ObjectNode) line.get("candidates").get(0).get("differences").get(0)).put("op", "remove");
                    return line;
                },
                "unknown outcome", line -> {
                    ((ObjectNode) line.get("candidates").get(0)).put("outcome", "MAYBE");
                    return line;
                },
                "short signature", line -> {
                    ((ObjectNode) line.get("candidates").get(0)).put("signature", "abc");
                    return line;
                },
                "run with value and exception", line -> {
                    ((ObjectNode) line.get("control")).putObject("exception").put("class", "X").putNull("message");
                    return line;
                });
        breakages.forEach((what, breakage) -> assertThat(validate(breakage.apply(valid.deepCopy())))
                .as(what).isNotEmpty());
    }

    static {
        // fail loudly rather than with a null schema if the resource goes missing
        if (JsonLinesPublisher.class.getResource("schema-1.json") == null) {
            throw new UncheckedIOException(new IOException("schema-1.json is not on the class path"));
        }
    }
}
