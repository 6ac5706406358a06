package dev.parallelrun.publisher.jsonlines;

import static dev.parallelrun.publisher.jsonlines.FormatSchema.names;
import static dev.parallelrun.publisher.jsonlines.FormatSchema.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Candidates;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.SkipReason;
import dev.parallelrun.publisher.contract.SampleResults;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every line written validates against {@code schema-2.json}, lines of the writers of schema 1 validate too, and the
 * schema is not vacuous.
 */
class SchemaTest {

    private static JsonSchema schema;

    @TempDir
    Path directory;

    @BeforeAll
    static void loadSchema() throws IOException {
        schema = FormatSchema.load();
    }

    private static Set<ValidationMessage> validate(JsonNode line) {
        return schema.validate(line);
    }

    private static void assertValid(List<JsonNode> lines) {
        assertThat(lines).isNotEmpty();
        for (JsonNode line : lines) {
            assertThat(validate(line))
                    .as("%s", Lines.abbreviate(line.toString()))
                    .isEmpty();
        }
    }

    record Order(String id, int total) {}

    @Test
    void everyLineOfARealEngineRunValidates() throws Exception {
        JsonLinesPublisher publisher = JsonLinesPublisher.builder(directory)
                .everyResult(true)
                .summaryInterval(Duration.ofMillis(50))
                .build();
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
                orders.run(
                        Call.keyed("customer-8"),
                        () -> {
                            throw new IOException("control failed");
                        },
                        candidates);
            } catch (IOException expected) {
                // the control's exception reaches the caller: the result is still published
            }
            // the hanging candidate ends once timed out; until then a loaded machine may count it as a runaway, and
            // the laboratory would skip the other experiments' candidates at the door
            await().until(() -> orders.stats().sampled() == 3 && ((RuntimeLaboratory) lab).runaways() == 0);
            Experiment<Integer> skipped = lab.<Integer>experiment("skipped")
                    .beforeRun(() -> {
                        throw new IllegalStateException("no setup today");
                    })
                    .build();
            skipped.run(() -> 1, () -> 2);
            Experiment<Integer> failing = lab.<Integer>experiment("failing-comparator")
                    .comparator((a, b) -> {
                        throw new UnsupportedOperationException("cannot compare");
                    })
                    .build();
            failing.run(() -> 1, () -> 2);
            Experiment<Integer> ignoring = lab.<Integer>experiment("ignoring")
                    .ignore((control, candidate) -> true)
                    .build();
            ignoring.run(() -> 1, () -> 2);
            Experiment<String> capped =
                    lab.<String>experiment("capped").maxValueChars(64).build();
            capped.run(() -> "x".repeat(1_000), () -> "y".repeat(1_000));
            Experiment<Order> captured = lab.<Order>experiment("captured")
                    .captureInputs()
                    .maxValueChars(64)
                    .redactPaths("/card")
                    .build();
            Function<Order, Order> priced = captured.wrap(order -> order, order -> new Order(order.id(), 11));
            priced.apply(new Order("A-2", 10));
            captured.run(
                    Call.keyed("customer-9").input(Map.of("id", "A-3", "card", "4111 1111 1111 1111")),
                    () -> new Order("A-3", 10),
                    () -> new Order("A-3", 12));
            captured.run(
                    Call.keyed("customer-10").input("z".repeat(1_000)),
                    () -> new Order("A-4", 10),
                    () -> new Order("A-4", 13));

            List<Experiment<?>> all = List.of(orders, skipped, failing, ignoring, capped, captured);
            await().until(() ->
                    all.stream().allMatch(e -> e.stats().sampled() == (e == orders || e == captured ? 3 : 1))
                            && lab.publishingStats().queued() == 0);
            await().until(() -> Lines.summaries(directory).size() >= all.size()); // a periodic round at least
        }

        List<JsonNode> lines = Lines.read(directory);
        assertValid(lines);
        Set<String> outcomes = new HashSet<>();
        for (JsonNode result : Lines.results(directory)) {
            result.get("candidates").forEach(c -> outcomes.add(c.get("outcome").asText()));
        }
        assertThat(outcomes)
                .containsExactlyInAnyOrder(
                        Arrays.stream(Outcome.values()).map(Enum::name).toArray(String[]::new));
        assertThat(Lines.results(directory)).hasSize(3 + 4 + 3);
        assertThat(Lines.results(directory))
                .anySatisfy(r -> assertThat(r.get("expired").asBoolean()).isTrue());
        assertThat(Lines.results(directory))
                .anySatisfy(
                        r -> assertThat(r.get("control").path("valueTruncated").asBoolean())
                                .isTrue());
        assertThat(lines)
                .allSatisfy(line -> assertThat(line.get("schema").asInt()).isEqualTo(2));
        List<JsonNode> inputs =
                Lines.results(directory).stream().filter(r -> r.has("input")).toList();
        assertThat(inputs)
                .extracting(r -> r.get("experiment").asText())
                .containsOnly("captured")
                .hasSize(3);
        assertThat(inputs)
                .anySatisfy(r -> assertThat(r.get("input")).isEqualTo(Lines.tree("{\"id\":\"A-2\",\"total\":10}")));
        assertThat(inputs)
                .anySatisfy(
                        r -> assertThat(r.get("input").path("card").asText()).isEqualTo("[REDACTED]"));
        assertThat(inputs).anySatisfy(r -> {
            assertThat(r.path("inputTruncated").asBoolean()).isTrue();
            assertThat(r.path("inputLength").asInt()).isEqualTo(1_002);
        });
        assertThat(publisher.stats().linesDropped()).isZero();
    }

    @Test
    void skippedNeverStartedAndFailedComparisonLinesOfARealEngineRunValidate() throws Exception {
        List<Runnable> held = new CopyOnWriteArrayList<>(); // an executor with no thread free: nothing starts in time
        JsonLinesPublisher publisher = JsonLinesPublisher.to(directory); // the default selection: what needs attention
        try (Laboratory lab = RuntimeLaboratory.builder().publisher(publisher).build()) {
            Experiment<Integer> calls = lab.<Integer>experiment("new-parts")
                    .comparator((a, b) -> {
                        throw new IllegalStateException("comparator bug");
                    })
                    .build();
            Experiment<Integer> starved = lab.<Integer>experiment("starved")
                    .candidateExecutor(held::add)
                    .candidateTimeout(Duration.ofMillis(250))
                    .build();
            Experiment<Integer> rejecting = lab.<Integer>experiment("rejecting")
                    .candidateExecutor(task -> {
                        throw new RejectedExecutionException("queue full");
                    })
                    .build();
            calls.run(() -> 1, () -> 2);
            starved.run(() -> 1, () -> 1);
            // a skipped candidate alone needs no attention; beside one that never started, its line is written:
            // the first takes the only permit and waits for a thread that never comes, the second is skipped
            Experiment<Integer> mixed = lab.<Integer>experiment("mixed")
                    .maxConcurrentCandidates(1)
                    .candidateExecutor(held::add)
                    .candidateTimeout(Duration.ofMillis(250))
                    .build();
            mixed.run(
                    Call.none(),
                    () -> 1,
                    Candidates.<Integer>of("first", () -> 1).and("second", () -> 1));
            rejecting.run(() -> 1, () -> 1);

            List<Experiment<?>> all = List.of(calls, starved, rejecting, mixed);
            await().until(() -> all.stream().allMatch(e -> e.stats().sampled() == 1)
                    && lab.publishingStats().queued() == 0);
            held.forEach(Runnable::run); // late: each finds its candidate timed out and returns
        }

        List<JsonNode> lines = Lines.read(directory);
        assertValid(lines);
        List<JsonNode> candidates = new ArrayList<>();
        for (JsonNode result : Lines.results(directory)) {
            result.get("candidates").forEach(candidates::add);
        }
        assertThat(candidates).anySatisfy(c -> {
            assertThat(c.get("outcome").asText()).isEqualTo("COMPARISON_FAILED");
            assertThat(c.get("fault").get("class").asText()).isEqualTo("java.lang.IllegalStateException");
            assertThat(c.get("fault").get("message").asText()).isEqualTo("comparator bug");
            assertThat(c.get("run").get("startDelayNanos").isIntegralNumber()).isTrue();
        });
        assertThat(candidates).anySatisfy(c -> {
            assertThat(c.get("outcome").asText()).isEqualTo("TIMED_OUT");
            assertThat(c.get("run").get("started").asBoolean(true)).isFalse();
            assertThat(c.get("run").get("startDelayNanos").asLong())
                    .isGreaterThanOrEqualTo(Duration.ofMillis(250).toNanos());
        });
        assertThat(candidates).anySatisfy(c -> {
            assertThat(c.get("outcome").asText()).isEqualTo("SKIPPED");
            assertThat(c.get("skipReason").asText()).isEqualTo("CAP");
        });
        assertThat(Lines.results(directory))
                .noneSatisfy(r -> assertThat(r.get("experiment").asText())
                        .isEqualTo("rejecting")); // a lone skip needs no attention: only counted
        JsonNode rejected = Lines.summaries(directory).stream()
                .filter(s -> s.get("experiment").asText().equals("rejecting"))
                .findFirst()
                .orElseThrow();
        assertThat(rejected.get("skipped").get("REJECTED").asLong()).isEqualTo(1);
        assertThat(Lines.summaries(directory)).allSatisfy(summary -> {
            assertThat(summary.get("readiness").has("status")).isTrue();
            assertThat(summary.get("latency").has("schedulingDelay")).isTrue();
            assertThat(summary.get("runaways").has("now")).isTrue();
        });
        assertThat(publisher.stats().linesDropped()).isZero();
    }

    @Test
    void everySampleResultAndTheSampleStatisticsValidate() {
        try (JsonLinesPublisher publisher =
                JsonLinesPublisher.builder(directory).everyResult(true).build()) {
            publisher.attach(SampleResults.laboratory()); // its summary, written on close, has every part set
            for (Result<Object> result : SampleResults.all()) {
                publisher.publish(result);
            }
        }

        assertValid(Lines.read(directory));
        assertThat(Lines.results(directory)).hasSize(SampleResults.all().size());
        assertThat(Lines.summaries(directory))
                .hasSize(1)
                .allSatisfy(s ->
                        assertThat(s.get("readiness").get("status").asText()).isEqualTo("INCONCLUSIVE"));
    }

    @Test
    void theSchemasEnumerationsAreTheEnginesEnums() throws IOException {
        JsonNode definitions = FormatSchema.definitions();

        assertThat(names(definitions.get("outcome").get("enum"))).containsExactly(names(Outcome.values()));
        assertThat(names(definitions.get("skipReason").get("enum"))).containsExactly(names(SkipReason.values()));
        assertThat(names(definitions.get("faultSource").get("enum"))).containsExactly(names(FaultSource.values()));
        JsonNode summary = definitions.get("summary").get("properties");
        assertThat(summary.get("faults").get("propertyNames").get("$ref").asText())
                .isEqualTo("#/$defs/faultSource");
        assertThat(summary.get("readiness").get("$ref").asText()).isEqualTo("#/$defs/readiness");
        assertThat(names(definitions
                        .get("readiness")
                        .get("properties")
                        .get("status")
                        .get("enum")))
                .containsExactly(names(Readiness.Status.values()));
    }

    @Test
    void theSchemaRejectsLinesThatBreakTheFormat() {
        try (JsonLinesPublisher publisher = JsonLinesPublisher.to(directory)) {
            publisher.publish(SampleResults.mismatch());
        }
        JsonNode valid = Lines.read(directory).get(0);
        assertThat(validate(valid)).isEmpty();

        Map<String, Function<ObjectNode, ObjectNode>> breakages = Map.of(
                "no jvm",
                        line -> {
                            line.remove("jvm");
                            return line;
                        },
                "schema 3", line -> line.put("schema", 3),
                "unknown type", line -> line.put("type", "other"),
                "time without milliseconds", line -> line.put("time", "2026-11-25T10:15:30Z"),
                "unknown field", line -> line.put("extra", true),
                "context value not a string",
                        line -> {
                            ((ObjectNode) line.get("context")).put("n", 1);
                            return line;
                        },
                "remove with a value",
                        line -> {
                            ((ObjectNode) line.get("candidates")
                                            .get(0)
                                            .get("differences")
                                            .get(0))
                                    .put("op", "remove");
                            return line;
                        },
                "unknown outcome",
                        line -> {
                            ((ObjectNode) line.get("candidates").get(0)).put("outcome", "MAYBE");
                            return line;
                        },
                "short signature",
                        line -> {
                            ((ObjectNode) line.get("candidates").get(0)).put("signature", "abc");
                            return line;
                        },
                "run with value and exception",
                        line -> {
                            ((ObjectNode) line.get("control"))
                                    .putObject("exception")
                                    .put("class", "X")
                                    .putNull("message");
                            return line;
                        });
        breakages.forEach((what, breakage) ->
                assertThat(validate(breakage.apply(valid.deepCopy()))).as(what).isNotEmpty());
    }

    @Test
    void linesOfTheWritersOfSchema1Validate() {
        try (JsonLinesPublisher publisher =
                JsonLinesPublisher.builder(directory).everyResult(true).build()) {
            publisher.attach(SampleResults.laboratory());
            publisher.publish(SampleResults.mismatch());
            publisher.publish(SampleResults.of(Outcome.SKIPPED));
        }
        JsonNode mismatch = Lines.results(directory).get(0);
        JsonNode skipped = Lines.results(directory).get(1);
        JsonNode summary = Lines.summaries(directory).get(0);

        // as this version writes them, but for the schema number
        for (JsonNode line : List.of(mismatch, skipped, summary)) {
            assertThat(validate(with(line, l -> l.put("schema", 1))))
                    .as("%s", line)
                    .isEmpty();
        }
        // as the first writer of schema 1 wrote them, without the fields added since
        assertThat(validate(with(skipped, l -> {
                    l.put("schema", 1);
                    candidate(l).remove("skipReason");
                })))
                .isEmpty();
        assertThat(validate(with(mismatch, l -> {
                    l.put("schema", 1);
                    ((ObjectNode) candidate(l).get("run")).remove("startDelayNanos");
                })))
                .isEmpty();
        assertThat(validate(with(summary, l -> {
                    l.put("schema", 1);
                    l.remove(List.of("skipped", "runaways"));
                    ((ObjectNode) l.get("latency")).remove("schedulingDelay");
                    ((ObjectNode) l.get("criteria")).remove(List.of("latencyFloorNanos", "maxSkippedShare"));
                    ObjectNode readiness = (ObjectNode) l.get("readiness");
                    readiness.remove("status");
                    readiness.get("checks").forEach(check -> ((ObjectNode) check).remove("note"));
                    ((ObjectNode) l.get("faults")).remove("ENGINE");
                })))
                .isEmpty();
        // the lines the junit module's tests keep as schema 1 files
        assertThat(validate(Lines.tree("{\"schema\":1,\"type\":\"result\",\"time\":\"2026-11-25T10:15:30.123Z\","
                        + "\"experiment\":\"pricing-v2\",\"host\":\"web-3\",\"jvm\":\"4711-9f2c1a7e\",\"key\":\"c-1\","
                        + "\"context\":{\"order\":\"o-1\"},\"expired\":false,\"control\":{\"durationNanos\":41000,"
                        + "\"value\":{\"total\":10.0}},\"candidates\":[{\"name\":\"candidate\",\"outcome\":\"MISMATCH\","
                        + "\"run\":{\"durationNanos\":52000,\"value\":{\"total\":10.5}},\"signature\":\"5c7d4a9afa1c5b0f\","
                        + "\"differences\":[{\"op\":\"replace\",\"path\":\"/total\",\"value\":10.5,\"previous\":10.0}],"
                        + "\"differenceCount\":1,\"structural\":true}]}")))
                .isEmpty();
    }

    @Test
    void theInputIsSchema2sAndACutInputIsAStringWithItsLength() {
        try (JsonLinesPublisher publisher = JsonLinesPublisher.to(directory)) {
            publisher.publish(SampleResults.mismatch());
        }
        JsonNode line = Lines.read(directory).get(0);
        JsonNode withInput = with(line, l -> l.putObject("input").put("id", "A-17"));
        JsonNode cut = with(
                line,
                l -> l.put("input", "{\"id\":\"A-1…[truncated]")
                        .put("inputTruncated", true)
                        .put("inputLength", 4_000));
        assertThat(validate(withInput)).isEmpty();
        assertThat(validate(cut)).isEmpty();
        assertThat(validate(with(line, l -> l.putNull("input"))))
                .as("a null input")
                .isEmpty();

        Map<String, JsonNode> broken = new LinkedHashMap<>();
        broken.put("an input on a schema 1 line", with(withInput, l -> l.put("schema", 1)));
        broken.put("inputTruncated without inputLength", with(cut, l -> l.remove("inputLength")));
        broken.put("inputLength without inputTruncated", with(cut, l -> l.remove("inputTruncated")));
        broken.put("inputTruncated without an input", with(cut, l -> l.remove("input")));
        broken.put("inputTruncated false", with(cut, l -> l.put("inputTruncated", false)));
        broken.put("a cut input that is not a string", with(cut, l -> l.putObject("input")));
        broken.put("an input on the control", with(line, l -> ((ObjectNode) l.get("control")).put("input", 1)));
        broken.put(
                "an input on a summary",
                with(line, l -> l.put("type", "summary").put("input", 1)));
        broken.forEach((what, invalid) -> assertThat(validate(invalid)).as(what).isNotEmpty());
    }

    @Test
    void theSchemaRejectsNewFieldsWhereTheyDoNotBelong() {
        try (JsonLinesPublisher publisher =
                JsonLinesPublisher.builder(directory).everyResult(true).build()) {
            publisher.attach(SampleResults.laboratory());
            publisher.publish(SampleResults.mismatch());
            publisher.publish(SampleResults.of(Outcome.SKIPPED));
            publisher.publish(SampleResults.neverStarted());
        }
        JsonNode mismatch = Lines.results(directory).get(0);
        JsonNode skipped = Lines.results(directory).get(1);
        JsonNode neverStarted = Lines.results(directory).get(2);
        JsonNode summary = Lines.summaries(directory).get(0);
        for (JsonNode valid : List.of(mismatch, skipped, neverStarted, summary)) {
            assertThat(validate(valid)).isEmpty();
        }

        Map<String, Function<ObjectNode, ObjectNode>> resultBreakages = new LinkedHashMap<>();
        resultBreakages.put("skip reason on a mismatch", line -> {
            candidate(line).put("skipReason", "CAP");
            return line;
        });
        resultBreakages.put("fault on a mismatch", line -> {
            candidate(line).putObject("fault").put("class", "X").putNull("message");
            return line;
        });
        resultBreakages.put("start delay on the control", line -> {
            ((ObjectNode) line.get("control")).put("startDelayNanos", 1);
            return line;
        });
        resultBreakages.put("started true", line -> {
            ((ObjectNode) candidate(line).get("run")).put("started", true);
            return line;
        });
        resultBreakages.forEach((what, breakage) -> assertThat(validate(breakage.apply(mismatch.deepCopy())))
                .as(what)
                .isNotEmpty());
        // fields added since the first writer are optional, so that an earlier writer's lines validate: this writer
        // always
        // writes them, as the lines of the engine run above show
        assertThat(validate(with(skipped, line -> candidate(line).remove("skipReason"))))
                .as("an earlier writer's skip")
                .isEmpty();
        assertThat(skipped.at("/candidates/0/skipReason").isTextual()).isTrue();
        assertThat(mismatch.at("/candidates/0/run/startDelayNanos").isNumber()).isTrue();
        assertThat(summary.at("/readiness/status").isTextual()).isTrue();
        assertThat(summary.at("/latency/schedulingDelay").isObject()).isTrue();
        assertThat(summary.at("/criteria/latencyFloorNanos").isNumber()).isTrue();
        assertThat(summary.at("/faults/ENGINE").isNumber()).isTrue();
        for (SkipReason reason : SkipReason.values()) {
            assertThat(summary.at("/skipped/" + reason.name()).isNumber())
                    .as(reason.name())
                    .isTrue();
        }
        assertThat(validate(with(skipped, line -> candidate(line).put("skipReason", "TIRED"))))
                .as("unknown reason")
                .isNotEmpty();
        assertThat(validate(
                        with(neverStarted, line -> ((ObjectNode) candidate(line).get("run")).remove("completed"))))
                .as("never started, yet completed")
                .isNotEmpty();

        Map<String, Function<ObjectNode, ObjectNode>> summaryBreakages = new LinkedHashMap<>();
        summaryBreakages.put("unknown status", line -> {
            ((ObjectNode) line.get("readiness")).put("status", "MAYBE");
            return line;
        });
        summaryBreakages.put("ready but inconclusive", line -> {
            ((ObjectNode) line.get("readiness")).put("ready", true);
            return line;
        });
        summaryBreakages.put("an unknown fault source", line -> {
            ((ObjectNode) line.get("faults")).put("CALLBACK", 0);
            return line;
        });
        summaryBreakages.put("runaways without a total", line -> {
            ((ObjectNode) line.get("runaways")).remove("total");
            return line;
        });
        summaryBreakages.put("a check's note not a string", line -> {
            ((ObjectNode) line.get("readiness").get("checks").get(0)).put("note", 1);
            return line;
        });
        summaryBreakages.forEach((what, breakage) -> assertThat(validate(breakage.apply(summary.deepCopy())))
                .as(what)
                .isNotEmpty());
    }

    private static ObjectNode candidate(ObjectNode line) {
        return (ObjectNode) line.get("candidates").get(0);
    }

    static {
        // fail loudly rather than with a null schema if the resource goes missing
        if (JsonLinesPublisher.class.getResource("schema-2.json") == null) {
            throw new UncheckedIOException(new IOException("schema-2.json is not on the class path"));
        }
    }
}
