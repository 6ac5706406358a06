package dev.parallelrun.publisher.jsonlines;

import static dev.parallelrun.publisher.jsonlines.FormatSchema.names;
import static dev.parallelrun.publisher.jsonlines.FormatSchema.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.MigrationStats;
import dev.parallelrun.experiment.migration.RollbackPolicy;
import dev.parallelrun.experiment.migration.Side;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration's lines, from a real engine: a stage line per timeline entry (the rollback with its trip), a
 * write-failure line per failed other write, whatever {@code everyResult} says, and a migration summary line per
 * summary round; every one validates against {@code schema-2.json}.
 */
class MigrationLinesTest {

    private static JsonSchema schema;

    @TempDir
    Path directory;

    @BeforeAll
    static void loadSchema() throws IOException {
        schema = FormatSchema.load();
    }

    private List<JsonNode> linesOf(String type) {
        return Lines.read(directory).stream()
                .filter(n -> n.path("type").asText().equals(type))
                .toList();
    }

    /** What {@link #walkThroughARollback} did. */
    private record Walk(List<StageChange> history, MigrationStats stats, Readiness readiness) {}

    /**
     * OFF, DUAL_WRITE with two failed new writes (one keyed, one not), SHADOW with a mismatch, LIVE until the new
     * side's failing reads roll it back, the acknowledgement, LIVE again with a failed old write.
     */
    private Walk walkThroughARollback(JsonLinesPublisher publisher) throws Exception {
        AtomicReference<Stage> flag = new AtomicReference<>(Stage.OFF);
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(publisher).build()) {
            Migration<String> customers = lab.migration("customer-store", String.class)
                    .stage(flag::get)
                    .reads(read -> read.sampleRate(1.0))
                    .rollback(RollbackPolicy.defaults().withMinCalls(10))
                    .build();
            customers.read(Call.keyed("1"), () -> "ada", () -> "ada");
            flag.set(Stage.DUAL_WRITE);
            customers.write(Call.keyed("42").with("change", "email"), () -> 1, () -> {
                throw new IllegalStateException("column \"postcode\" not found\nin table address");
            });
            customers.write(Call.none(), () -> 1, () -> {
                throw new IOException("connection reset");
            });
            flag.set(Stage.SHADOW);
            customers.read(Call.keyed("7"), () -> "ada", () -> "grace");
            flag.set(Stage.LIVE);
            for (int i = 0; i < 100 && customers.rollback() == null; i++) {
                customers.read(Call.keyed(String.valueOf(i)), () -> "ada", () -> {
                    throw new IOException("new store down");
                });
            }
            assertThat(customers.rollback()).as("rolled back").isNotNull();
            flag.set(Stage.SHADOW);
            assertThat(customers.acknowledgeRollback()).isTrue();
            flag.set(Stage.LIVE);
            customers.write(
                    Call.keyed("43"),
                    () -> {
                        throw new IllegalStateException("legacy store read-only");
                    },
                    () -> 2);
            await().until(() -> customers.stats().shadowReads().sampled() >= 1
                    && lab.publishingStats().queued() == 0
                    && linesOf("stage").size() == customers.history().size()
                    && linesOf("writeFailure").size() == 3);
            return new Walk(customers.history(), customers.stats(), customers.readiness());
        }
    }

    @Test
    void everyTimelineEntryIsAStageLineInOrderWithTheRollbacksTrip() throws Exception {
        Walk walk = walkThroughARollback(JsonLinesPublisher.to(directory));

        List<JsonNode> stages = linesOf("stage");
        assertThat(stages)
                .extracting(
                        s -> s.path("cause").asText(),
                        s -> s.path("from").asText(null),
                        s -> s.path("to").asText())
                .containsExactly(
                        tuple("STARTED", null, "OFF"),
                        tuple("SOURCE", "OFF", "DUAL_WRITE"),
                        tuple("SOURCE", "DUAL_WRITE", "SHADOW"),
                        tuple("SOURCE", "SHADOW", "LIVE"),
                        tuple("ROLLBACK", "LIVE", "SHADOW"),
                        tuple("ACKNOWLEDGED", "SHADOW", "SHADOW"),
                        tuple("SOURCE", "SHADOW", "LIVE"));
        for (int i = 0; i < stages.size(); i++) {
            JsonNode line = stages.get(i);
            StageChange change = walk.history().get(i);
            assertThat(line.get("schema").asInt()).isEqualTo(2);
            assertThat(line.get("migration").asText()).isEqualTo("customer-store");
            assertThat(line.has("experiment")).isFalse();
            assertThat(line.get("time").asText()).isEqualTo(LineFormat.time(change.at()));
            assertThat(line.get("reason").asText()).isEqualTo(change.reason());
            assertThat(line.has("trip")).isEqualTo(change.rollback());
        }
        StageChange.Trip trip = walk.history().get(4).trip();
        JsonNode written = stages.get(4).get("trip");
        assertThat(written.get("criterion").asText())
                .isEqualTo("READ_ERROR_RATE")
                .isEqualTo(trip.criterion().name());
        assertThat(written.get("actual").asDouble()).isEqualTo(trip.actual());
        assertThat(written.get("limit").asDouble()).isEqualTo(0.01);
        assertThat(written.get("calls").asLong()).isEqualTo(10);
        assertThat(written.get("detail").asText()).isEqualTo(trip.detail()).isNotBlank();
        assertThat(stages.get(4).get("reason").asText()).startsWith("rolled back: ");
    }

    @Test
    void everyFailedOtherWriteIsALineWithItsKeyContextSideStageAndException() throws Exception {
        walkThroughARollback(JsonLinesPublisher.to(directory)); // the default selection: only results need attention

        List<JsonNode> failures = linesOf("writeFailure");
        assertThat(failures)
                .extracting(
                        f -> f.path("key").asText(null),
                        f -> f.get("side").asText(),
                        f -> f.get("stage").asText(),
                        f -> f.at("/exception/class").asText())
                .containsExactly(
                        tuple("42", "NEW", "DUAL_WRITE", "java.lang.IllegalStateException"),
                        tuple(null, "NEW", "DUAL_WRITE", "java.io.IOException"),
                        tuple("43", "OLD", "LIVE", "java.lang.IllegalStateException"));
        JsonNode first = failures.get(0);
        assertThat(first.get("migration").asText()).isEqualTo("customer-store");
        assertThat(first.get("context")).isEqualTo(Lines.tree("{\"change\":\"email\"}"));
        assertThat(first.at("/exception/message").asText())
                .isEqualTo("column \"postcode\" not found\nin table address");
        assertThat(failures.get(1).has("key")).as("a call without a key").isFalse();
        assertThat(failures.get(1).get("context").isEmpty()).isTrue();
    }

    @Test
    void eachSummaryRoundWritesAMigrationLineWithItsStageCountsAndReadiness() throws Exception {
        JsonLinesPublisher publisher = JsonLinesPublisher.builder(directory)
                .summaryInterval(Duration.ofMillis(20))
                .build();
        Walk walk = walkThroughARollback(publisher);

        List<JsonNode> migrations = linesOf("migration");
        assertThat(migrations).hasSizeGreaterThanOrEqualTo(2); // the periodic rounds, and the last one on close
        JsonNode last = migrations.get(migrations.size() - 1);
        MigrationStats stats = walk.stats();
        assertThat(last.get("migration").asText()).isEqualTo("customer-store");
        assertThat(last.get("stage").asText()).isEqualTo(stats.stage().name()).isEqualTo("LIVE");
        assertThat(last.get("sourceStage").asText()).isEqualTo("LIVE");
        assertThat(last.get("stageSince").asText()).isEqualTo(LineFormat.time(stats.stageSince()));
        assertThat(last.get("rollbackPending").asBoolean()).isFalse();
        assertThat(last.has("rollback")).isFalse();
        assertThat(last.get("reads").asLong()).isEqualTo(stats.reads());
        assertThat(last.get("fallbacks").asLong()).isEqualTo(stats.fallbacks()).isPositive();
        assertThat(last.get("writes").asLong()).isEqualTo(stats.writes()).isEqualTo(3);
        assertThat(last.get("writeFailures").asLong())
                .isEqualTo(stats.writeFailures())
                .isEqualTo(3);
        assertThat(last.get("stageChanges").asLong())
                .isEqualTo(stats.stageChanges())
                .isEqualTo(7);
        assertThat(last.get("stageSourceFaults").asLong()).isZero();
        assertThat(last.get("unpublished").asLong()).isZero();
        assertThat(last.at("/sides/new/readErrors").asLong())
                .isEqualTo(stats.newSide().readErrors())
                .isPositive();
        assertThat(last.at("/sides/new/writeErrors").asLong()).isEqualTo(2);
        assertThat(last.at("/sides/old/writeErrors").asLong()).isEqualTo(1);
        assertThat(last.at("/sides/old/reads").asLong())
                .isEqualTo(stats.oldSide().reads());
        assertThat(last.get("experiments"))
                .isEqualTo(Lines.tree("{\"shadow\":\"customer-store:shadow\",\"live\":\"customer-store:live\"}"));
        assertThat(last.at("/readiness/status").asText())
                .isEqualTo(walk.readiness().status().name());
        assertThat(last.at("/readiness/verdict").asText())
                .isEqualTo(walk.readiness().verdict());
        assertThat(last.at("/readiness/checks"))
                .hasSize(walk.readiness().checks().size());
        assertThat(last.at("/readiness/checks/0/criterion").asText())
                .isEqualTo(walk.readiness().checks().get(0).criterion());
        // the migration's read experiments have summary lines of their own beside it
        assertThat(Lines.summaries(directory))
                .extracting(s -> s.get("experiment").asText())
                .contains("customer-store:shadow", "customer-store:live");
    }

    @Test
    void aRollbackAwaitingAcknowledgementIsInTheMigrationLineWithItsTrip() throws Exception {
        AtomicReference<Stage> flag = new AtomicReference<>(Stage.LIVE);
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(JsonLinesPublisher.to(directory))
                .build()) {
            Migration<String> orders = lab.migration("orders", String.class)
                    .stage(flag::get)
                    .rollback(RollbackPolicy.defaults().withMinCalls(10))
                    .build();
            for (int i = 0; i < 100 && orders.rollback() == null; i++) {
                try {
                    orders.write(Call.keyed(String.valueOf(i)), () -> 1, () -> {
                        throw new IllegalStateException("new store full");
                    });
                } catch (IllegalStateException expected) {
                    // the new side is authoritative in LIVE: its exception reaches the caller, and counts
                }
            }
            assertThat(orders.rollback()).isNotNull();
        }

        JsonNode line = linesOf("migration").get(0);
        assertThat(line.get("stage").asText()).isEqualTo("SHADOW");
        assertThat(line.get("sourceStage").asText()).isEqualTo("LIVE");
        assertThat(line.get("rollbackPending").asBoolean()).isTrue();
        assertThat(line.at("/rollback/from").asText()).isEqualTo("LIVE");
        assertThat(line.at("/rollback/trip/criterion").asText()).isEqualTo("WRITE_FAILURE_RATE");
        assertThat(line.at("/rollback/time").asText())
                .isEqualTo(linesOf("stage").get(1).get("time").asText());
        assertThat(line.at("/readiness/status").asText()).isEqualTo("NOT_READY");
        assertThat(schema.validate(line)).isEmpty();
    }

    @Test
    void everyMigrationLineOfARealEngineRunValidates() throws Exception {
        walkThroughARollback(JsonLinesPublisher.builder(directory)
                .everyResult(true)
                .summaryInterval(Duration.ofMillis(20))
                .build());

        List<JsonNode> lines = Lines.read(directory);
        assertThat(lines)
                .extracting(l -> l.get("type").asText())
                .contains("stage", "writeFailure", "migration", "summary", "result");
        for (JsonNode line : lines) {
            assertThat(schema.validate(line))
                    .as("%s", Lines.abbreviate(line.toString()))
                    .isEmpty();
        }
    }

    @Test
    void theSchemaRejectsMigrationLinesThatBreakTheFormat() throws Exception {
        walkThroughARollback(JsonLinesPublisher.to(directory));
        JsonNode started = linesOf("stage").get(0);
        JsonNode source = linesOf("stage").get(1);
        JsonNode rollback = linesOf("stage").get(4);
        JsonNode failure = linesOf("writeFailure").get(0);
        JsonNode migration = linesOf("migration").get(0);
        for (JsonNode valid : List.of(started, source, rollback, failure, migration)) {
            assertThat(schema.validate(valid)).as("%s", valid).isEmpty();
        }

        Map<String, JsonNode> broken = new LinkedHashMap<>();
        broken.put("a stage line of schema 1", with(source, l -> l.put("schema", 1)));
        broken.put("a stage line with an experiment", with(source, l -> l.put("experiment", "x")));
        broken.put("a stage line without a migration", with(source, l -> l.remove("migration")));
        broken.put("a previous stage on the first entry", with(started, l -> l.put("from", "OFF")));
        broken.put("no previous stage on a change", with(source, l -> l.remove("from")));
        broken.put("an unknown stage", with(source, l -> l.put("to", "HALFWAY")));
        broken.put("an unknown cause", with(source, l -> l.put("cause", "WHIM")));
        broken.put("a trip on a change the source asked for", with(source, l -> l.set("trip", rollback.get("trip"))));
        broken.put("a rollback without its trip", with(rollback, l -> l.remove("trip")));
        broken.put("an unknown criterion", with(rollback, l -> ((ObjectNode) l.get("trip")).put("criterion", "MOOD")));
        broken.put("a write failure without a side", with(failure, l -> l.remove("side")));
        broken.put("a write failure of a third side", with(failure, l -> l.put("side", "BOTH")));
        broken.put("a context value not a string", with(failure, l -> ((ObjectNode) l.get("context")).put("n", 1)));
        broken.put("a write failure without its exception", with(failure, l -> l.remove("exception")));
        broken.put("a pending rollback without the rollback", with(migration, l -> l.put("rollbackPending", true)));
        broken.put(
                "a rollback that is not pending",
                with(
                        migration,
                        l -> l.putObject("rollback")
                                .put("time", "2026-03-02T09:00:00.000Z")
                                .set("trip", rollback.get("trip"))));
        broken.put("a migration line without readiness", with(migration, l -> l.remove("readiness")));
        broken.put(
                "a side without its write errors",
                with(migration, l -> ((ObjectNode) l.at("/sides/old")).remove("writeErrors")));
        broken.put("a negative count", with(migration, l -> l.put("reads", -1)));
        broken.forEach(
                (what, invalid) -> assertThat(schema.validate(invalid)).as(what).isNotEmpty());
    }

    @Test
    void theSchemasMigrationEnumerationsAreTheEnginesEnums() throws IOException {
        JsonNode definitions = FormatSchema.definitions();

        assertThat(names(definitions.get("stageName").get("enum"))).containsExactly(names(Stage.values()));
        assertThat(names(definitions.get("side").get("enum"))).containsExactly(names(Side.values()));
        assertThat(names(definitions.at("/stage/properties/cause/enum")))
                .containsExactly(names(StageChange.Cause.values()));
        assertThat(names(definitions.at("/trip/properties/criterion/enum")))
                .containsExactly(names(RollbackPolicy.Criterion.values()));
    }

    @Test
    void linesOfAClosedPublisherAreNotWritten() {
        JsonLinesPublisher publisher = JsonLinesPublisher.to(directory);
        publisher.close();
        publisher.publishStage(
                new StageChange("late", null, Stage.OFF, Instant.now(), StageChange.Cause.STARTED, null));

        assertThat(Lines.read(directory)).isEmpty();
    }
}
