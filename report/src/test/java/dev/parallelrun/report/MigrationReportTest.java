package dev.parallelrun.report;

import static dev.parallelrun.report.JsonLinesGenerator.migration;
import static dev.parallelrun.report.JsonLinesGenerator.stage;
import static dev.parallelrun.report.JsonLinesGenerator.writeFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallelrun.report.MigrationSummary.FailedWrite;
import dev.parallelrun.report.MigrationSummary.Rollback;
import dev.parallelrun.report.MigrationSummary.StageEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration in the report: where it stands, its timeline and rollbacks, its readiness, its failed writes with their
 * keys, the next steps, and its read experiments; in the summary, the terminal and the JSON.
 */
class MigrationReportTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path dir;

    private Summary read(List<String> lines) throws IOException {
        return read(lines, ReadFilter.all());
    }

    private Summary read(List<String> lines, ReadFilter filter) throws IOException {
        JsonLinesGenerator.write(dir.resolve("lines.jsonl"), lines);
        return ReportReader.builder()
                .clock(SampleReport.CLOCK)
                .filter(filter)
                .build()
                .read(List.of(dir));
    }

    private MigrationSummary sample(String name) throws IOException {
        return SampleReport.read(dir).migration(name).orElseThrow();
    }

    private static List<NextStep.Topic> topics(MigrationSummary migration) {
        return migration.nextSteps().stream().map(NextStep::topic).toList();
    }

    @Test
    void theTimelineIsEveryStageLineOldestFirstEndingInTheStageInEffect() throws IOException {
        MigrationSummary migration = sample(SampleReport.MIGRATION);

        assertThat(migration.timeline())
                .extracting(StageEntry::cause, StageEntry::move)
                .containsExactly(
                        tuple("STARTED", "OFF"),
                        tuple("SOURCE", "OFF -> DUAL_WRITE"),
                        tuple("SOURCE", "DUAL_WRITE -> SHADOW"),
                        tuple("SOURCE", "SHADOW -> LIVE"),
                        tuple("ROLLBACK", "LIVE -> SHADOW"),
                        tuple("ACKNOWLEDGED", "SHADOW -> SHADOW"),
                        tuple("SOURCE", "SHADOW -> LIVE"),
                        tuple("SOURCE", "LIVE -> RAMP_DOWN"),
                        tuple("SOURCE", "RAMP_DOWN -> COMPLETE"));
        assertThat(migration.stage()).isEqualTo("COMPLETE");
        assertThat(migration.badge()).isEqualTo("COMPLETE");
        assertThat(migration.rollbackPending()).isFalse();
        assertThat(migration.positions()).singleElement().satisfies(position -> {
            assertThat(position.host()).isEqualTo("web-1");
            assertThat(position.since()).isEqualTo(SampleReport.START.plusSeconds(32_400));
            assertThat(position.sourceStage()).isEqualTo("COMPLETE");
        });
        assertThat(migration.stageLines()).isEqualTo(9);
        assertThat(migration.summaryLines()).isEqualTo(1);
        assertThat(migration.shadowExperiment()).isEqualTo("customer-store:shadow");
        assertThat(migration.liveExperiment()).isEqualTo("customer-store:live");
    }

    @Test
    void aRollbackHasItsTripAndWhenItWasAcknowledged() throws IOException {
        MigrationSummary migration = sample(SampleReport.MIGRATION);

        Rollback rollback = migration.rollbacks().get(0);
        assertThat(migration.rollbacks()).hasSize(1);
        assertThat(rollback.acknowledged()).isTrue();
        assertThat(rollback.acknowledgedAt()).isEqualTo(SampleReport.START.plusSeconds(14_400));
        assertThat(rollback.entry().reason()).isEqualTo("rolled back: " + SampleReport.TRIP_DETAIL);
        MigrationSummary.Trip trip = rollback.entry().trip();
        assertThat(trip.criterion()).isEqualTo("READ_ERROR_RATE");
        assertThat(trip.actual()).isEqualTo(0.011);
        assertThat(trip.calls()).isEqualTo(1_000);
        assertThat(MigrationSteps.describe(trip))
                .isEqualTo("read error rate 1.100%, above the limit of 1.000%, over a window of 1,000 calls");
    }

    @Test
    void aPendingRollbackIsTheFirstNextStepAndSaysWhatTrippedIt() throws IOException {
        MigrationSummary migration = sample(SampleReport.ROLLED_BACK_MIGRATION);

        assertThat(migration.rollbackPending()).isTrue();
        assertThat(migration.badge()).isEqualTo("SHADOW");
        assertThat(migration.rollbacks())
                .singleElement()
                .satisfies(r -> assertThat(r.acknowledged()).isFalse());
        assertThat(topics(migration)).containsExactly(NextStep.Topic.ROLLBACK);
        assertThat(migration.nextSteps().get(0).text())
                .startsWith("The migration rolled back by itself from LIVE to SHADOW at 2026-11-25 16:20:00 UTC and "
                        + "awaits acknowledgement: 13 failed writes of the new side")
                .contains("Look at what tripped it (write failure rate 1.300%, above the limit of 1.000%, over a "
                        + "window of 1,000 calls), fix the new side")
                .contains("call acknowledgeRollback() on the migration");
    }

    @Test
    void failedWritesAreCountedPerSideWithTheirLatestKeysAndABackfillStep() throws IOException {
        MigrationSummary migration = sample(SampleReport.MIGRATION);

        MigrationSummary.WriteFailures failures = migration.writeFailures();
        assertThat(failures.total()).isEqualTo(12);
        assertThat(failures.bySide()).containsExactly(java.util.Map.entry("NEW", 12L));
        assertThat(failures.byStage()).containsExactly(java.util.Map.entry("SHADOW", 12L));
        assertThat(failures.distinctKeys()).isEqualTo(12);
        assertThat(failures.latest())
                .hasSize(10)
                .extracting(FailedWrite::key)
                .startsWith("customer-2112", "customer-2111");
        assertThat(failures.latest().get(0).exceptionClass()).isEqualTo("org.h2.jdbc.JdbcSQLSyntaxErrorException");
        assertThat(failures.latest().get(0).message()).isEqualTo("Column \"POSTCODE\" not found");
        assertThat(topics(migration)).containsExactly(NextStep.Topic.BACKFILL);
        NextStep backfill = migration.nextSteps().get(0);
        assertThat(backfill.text())
                .startsWith("12 writes of the new side failed after the old side's succeeded, so "
                        + "the new side lacks those changes (12 keys); latest keys: customer-2112, customer-2111")
                .contains("Backfill those keys from the old side before the new side serves");
        assertThat(backfill.code())
                .isEqualTo("find " + dir + " -name '*.jsonl' -exec jq -r 'select(.type == "
                        + "\"writeFailure\" and .migration == \"customer-store\" and .side == \"NEW\") | .key // empty' {} + "
                        + "| sort -u");
    }

    @Test
    void theKeysCommandQuotesWhatTheShellWouldReadOtherwise() {
        assertThat(MigrationSteps.keysCommand("it's", "OLD", List.of("my files/a b", "plain/dir")))
                .isEqualTo("find 'my files/a b' plain/dir -name '*.jsonl' -exec jq -r 'select(.type == "
                        + "\"writeFailure\" and .migration == \"it'\\''s\" and .side == \"OLD\") | .key // empty' {} + "
                        + "| sort -u");
    }

    @Test
    void aMigrationInShadowSaysWhetherItMayAdvance() throws IOException {
        Summary notReady = read(List.of(
                stage("billing", T0, null, "SHADOW", "STARTED").line(),
                migration("billing", "1001-a", T0.plusSeconds(60), "SHADOW")
                        .check("time in SHADOW", "at least 7 days", "1 min since " + T0, false)
                        .line()));
        MigrationSummary billing = notReady.migration("billing").orElseThrow();
        assertThat(topics(billing)).containsExactly(NextStep.Topic.ADVANCE);
        assertThat(billing.nextSteps().get(0).text())
                .isEqualTo("Not ready to advance from SHADOW to LIVE yet: time in "
                        + "SHADOW 1 min since " + T0
                        + " (needs at least 7 days). The read comparisons are the experiment "
                        + "billing:shadow (its section shows what differs).");
        assertThat(billing.readiness().status()).isEqualTo(Verdict.Status.NOT_READY);

        Summary ready = read(List.of(migration("billing", "1001-a", T0, "SHADOW")
                .readiness(true, "stage", "SHADOW", "SHADOW", true)
                .line()));
        assertThat(ready.migration("billing").orElseThrow().nextSteps())
                .singleElement()
                .satisfies(step -> assertThat(step.text())
                        .startsWith("Every check passes: the migration may advance from SHADOW to LIVE."));
    }

    @Test
    void aLaterMigrationLineWithoutTheRollbackMeansItWasAcknowledged() throws IOException {
        Instant rollback = T0.plusSeconds(60);
        Summary summary = read(List.of(
                stage("billing", T0, null, "LIVE", "STARTED").line(),
                stage("billing", rollback, "LIVE", "SHADOW", "ROLLBACK")
                        .trip(
                                "P99_RATIO",
                                2.5,
                                2.0,
                                1_000,
                                "the new side's p99 read latency 5.00 ms is 2.50x the old side's")
                        .line(),
                migration("billing", "1001-a", T0.plusSeconds(120), "LIVE").line()));

        MigrationSummary billing = summary.migration("billing").orElseThrow();
        assertThat(billing.rollbacks()).singleElement().satisfies(r -> {
            assertThat(r.acknowledged()).isTrue();
            assertThat(r.acknowledgedAt()).isNull();
        });
        assertThat(billing.rollbackPending()).isFalse();
        assertThat(billing.stage()).isEqualTo("LIVE");
        assertThat(MigrationSteps.describe(billing.rollbacks().get(0).entry().trip()))
                .isEqualTo("p99 read latency ratio 2.50x, above the limit of 2.00x, over a window of 1,000 calls");
    }

    @Test
    void withoutMigrationLinesTheStageComesFromTheLatestStageLine() throws IOException {
        Summary summary = read(List.of(
                stage("billing", T0, null, "LIVE", "STARTED").line(),
                stage("billing", T0.plusSeconds(60), "LIVE", "SHADOW", "ROLLBACK")
                        .trip("READ_ERROR_RATE", 0.5, 0.01, 10, "5 failed reads")
                        .line()));

        MigrationSummary billing = summary.migration("billing").orElseThrow();
        assertThat(billing.stage()).isEqualTo("SHADOW");
        assertThat(billing.rollbackPending()).isTrue();
        assertThat(billing.counts()).isNull();
        assertThat(billing.readiness()).isNull();
        assertThat(billing.notes()).anySatisfy(note -> assertThat(note).startsWith("No migration summary line"));
        assertThat(topics(billing)).containsExactly(NextStep.Topic.ROLLBACK);
    }

    @Test
    void eachJvmHasItsOwnPositionAndJvmsInDifferentStagesAreMixed() throws IOException {
        Summary summary = read(List.of(
                migration("billing", "1001-a", T0, "LIVE").host("web-1").line(),
                migration("billing", "1002-b", T0, "SHADOW").host("web-2").line(),
                stage("billing", T0.plusSeconds(30), "SHADOW", "LIVE", "SOURCE")
                        .host("web-2")
                        .jvm("1002-b")
                        .line()));

        MigrationSummary billing = summary.migration("billing").orElseThrow();
        assertThat(billing.positions())
                .extracting(p -> p.host(), p -> p.stage())
                .containsExactly(tuple("web-1", "LIVE"), tuple("web-2", "LIVE"));
        assertThat(billing.stage()).isEqualTo("LIVE");

        Summary mixed = read(List.of(
                migration("billing", "1001-a", T0, "LIVE").host("web-1").line(),
                migration("billing", "1002-b", T0, "SHADOW").host("web-2").line()));
        MigrationSummary both = mixed.migration("billing").orElseThrow();
        assertThat(both.stage()).isNull();
        assertThat(both.badge()).isEqualTo("MIXED");
        assertThat(both.notes())
                .anySatisfy(note -> assertThat(note).startsWith("Each of the 2 JVMs runs its own copy"));
    }

    @Test
    void countsAreEachJvmsLatestMigrationLineAdded() throws IOException {
        Summary summary = read(List.of(
                migration("billing", "1001-a", T0, "LIVE")
                        .counts(10, 1, 5, 0, 1, 0, 0)
                        .line(),
                migration("billing", "1001-a", T0.plusSeconds(60), "LIVE")
                        .counts(100, 2, 50, 1, 1, 0, 0)
                        .side("new", 90, 2, 50, 0)
                        .line(),
                migration("billing", "1002-b", T0.plusSeconds(30), "LIVE")
                        .host("web-2")
                        .counts(7, 0, 3, 0, 1, 0, 0)
                        .side("new", 7, 0, 3, 0)
                        .line()));

        MigrationSummary.Counts counts =
                summary.migration("billing").orElseThrow().counts();
        assertThat(counts.reads()).isEqualTo(107);
        assertThat(counts.fallbacks()).isEqualTo(2);
        assertThat(counts.writes()).isEqualTo(53);
        assertThat(counts.writeFailures()).isEqualTo(1);
        assertThat(counts.newSide().reads()).isEqualTo(97);
        assertThat(counts.newSide().readErrors()).isEqualTo(2);
        assertThat(counts.jvms()).isEqualTo(2);
        assertThat(summary.read().migrationLines()).isEqualTo(3);
    }

    @Test
    void aMigrationsNameKeepsItsReadExperimentsAndTheirNamesKeepIt() throws IOException {
        Path files = SampleReport.write(dir.resolve("files"));

        Summary byMigration = ReportReader.builder()
                .clock(SampleReport.CLOCK)
                .filter(new ReadFilter(Set.of("customer-store"), null, null))
                .build()
                .read(List.of(files));
        assertThat(byMigration.migrations())
                .extracting(MigrationSummary::migration)
                .containsExactly("customer-store");
        assertThat(byMigration.experiments())
                .extracting(ExperimentSummary::experiment)
                .containsExactly("customer-store:shadow");

        Summary byExperiment = ReportReader.builder()
                .clock(SampleReport.CLOCK)
                .filter(new ReadFilter(Set.of("customer-store:shadow"), null, null))
                .build()
                .read(List.of(files));
        assertThat(byExperiment.migrations())
                .extracting(MigrationSummary::migration)
                .containsExactly("customer-store");

        Summary other = ReportReader.builder()
                .clock(SampleReport.CLOCK)
                .filter(new ReadFilter(Set.of("pricing-v2"), null, null))
                .build()
                .read(List.of(files));
        assertThat(other.migrations()).isEmpty();
    }

    @Test
    void theTimeWindowListsItsStageChangesAndStillKnowsTheStageBeforeIt() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(stage("billing", T0, null, "OFF", "STARTED").line());
        lines.add(stage("billing", T0.plusSeconds(3_600), "OFF", "DUAL_WRITE", "SOURCE")
                .line());
        lines.add(writeFailure("billing", T0.plusSeconds(3_700), "k-1", "NEW", "DUAL_WRITE")
                .line());
        lines.add(writeFailure("billing", T0.plusSeconds(7_300), "k-2", "NEW", "DUAL_WRITE")
                .line());
        lines.add(stage("billing", T0.plusSeconds(7_200 * 2), "DUAL_WRITE", "SHADOW", "SOURCE")
                .line());

        Summary summary = read(lines, new ReadFilter(Set.of(), T0.plusSeconds(7_200), T0.plusSeconds(10_000)));

        MigrationSummary billing = summary.migration("billing").orElseThrow();
        assertThat(billing.timeline()).isEmpty();
        assertThat(billing.stage()).isEqualTo("DUAL_WRITE");
        assertThat(billing.writeFailures().latest())
                .extracting(FailedWrite::key)
                .containsExactly("k-2");
        assertThat(summary.read().filteredOut()).isEqualTo(4);
    }

    @Test
    void aMigrationLineWithoutWhatItsTypeNeedsIsABadLine() throws IOException {
        Summary summary = read(
                List.of(
                        "{\"schema\":2,\"type\":\"stage\",\"time\":\"2026-03-02T09:00:00.000Z\",\"migration\":\"billing\","
                                + "\"host\":\"h\",\"jvm\":\"1-a\",\"cause\":\"SOURCE\"}",
                        "{\"schema\":2,\"type\":\"writeFailure\",\"time\":\"2026-03-02T09:00:00.000Z\",\"host\":\"h\","
                                + "\"jvm\":\"1-a\",\"side\":\"NEW\",\"stage\":\"SHADOW\"}",
                        "{\"schema\":2,\"type\":\"migration\",\"time\":\"2026-03-02T09:00:00.000Z\",\"migration\":\"billing\"}"));

        assertThat(summary.read().badLines()).isEqualTo(3);
        assertThat(summary.read().problems())
                .extracting(ReadProblem::message)
                .containsExactly("no \"to\" field", "no \"migration\" field", "no \"stage\" field");
        assertThat(summary.migrations()).isEmpty();
    }

    @Test
    void theTerminalShowsEachMigrationsStageTimelineRollbacksAndFailedWrites() throws IOException {
        String text = SampleReport.terminal(dir);

        assertThat(text)
                .contains("parallel-run report: 2 migrations and 7 experiments")
                .contains("== customer-store ==  migration, stage COMPLETE")
                .contains("Stage        COMPLETE since 2026-11-25 17:00:00 UTC")
                .contains("Rollbacks    1 rollback, 1 acknowledged")
                .contains("Readiness    to advance from SHADOW to LIVE: NOT READY (as of 2026-11-25 17:59:59 UTC)")
                .contains("[FAIL] stage COMPLETE (needs SHADOW)")
                .contains("Counts       54,210 reads (11 answered by the old side after the new one failed)")
                .contains("Timeline     2026-11-25 08:00:00 UTC  OFF                    started")
                .contains("               2026-11-25 08:30:00 UTC  OFF -> DUAL_WRITE      the stage flag")
                .contains("2026-11-25 11:20:00 UTC  LIVE -> SHADOW         ROLLED BACK: 11 failed reads")
                .contains("2026-11-25 12:00:00 UTC  SHADOW -> SHADOW       rollback acknowledged")
                .contains("2026-11-25 17:00:00 UTC  RAMP_DOWN -> COMPLETE  the stage flag")
                .contains(
                        "Rolled back  2026-11-25 11:20:00 UTC LIVE -> SHADOW, acknowledged at 2026-11-25 12:00:00 UTC")
                .contains(
                        "               read error rate 1.100%, above the limit of 1.000%, over a window of 1,000 calls")
                .contains("Write errors 12 failed other writes (NEW side 12; in SHADOW 12) on 12 keys")
                .contains("latest: 2026-11-25 11:31:30 UTC  key customer-2112  NEW in SHADOW")
                .contains("Reads        compared by customer-store:shadow (READY, 1 mismatch group) in SHADOW and")
                .contains("customer-store:live (no lines) in LIVE")
                .contains("== orders-store ==  migration, stage SHADOW, ROLLED BACK")
                .contains("1 rollback, 0 acknowledged; ONE AWAITS ACKNOWLEDGEMENT");
        assertThat(text.indexOf("== customer-store ==")).isLessThan(text.indexOf("== customer-store:shadow =="));
    }

    @Test
    void theJsonHasAMigrationsArray() throws IOException {
        JsonNode json = new ObjectMapper().readTree(JsonReport.render(SampleReport.read(dir)));

        assertThat(json.at("/read/migrationLines").asLong()).isEqualTo(25);
        assertThat(json.get("migrations")).hasSize(2);
        JsonNode customers = json.at("/migrations/0");
        assertThat(customers.get("migration").asText()).isEqualTo("customer-store");
        assertThat(customers.get("stage").asText()).isEqualTo("COMPLETE");
        assertThat(customers.get("rollbackPending").asBoolean()).isFalse();
        assertThat(customers.get("timeline")).hasSize(9);
        assertThat(customers.at("/timeline/4/trip/criterion").asText()).isEqualTo("READ_ERROR_RATE");
        assertThat(customers.at("/rollbacks/0/acknowledged").asBoolean()).isTrue();
        assertThat(customers.at("/rollbacks/0/acknowledgedAt").asText()).isEqualTo("2026-11-25T12:00:00Z");
        assertThat(customers.at("/readiness/status").asText()).isEqualTo("NOT_READY");
        assertThat(customers.at("/counts/reads").asLong()).isEqualTo(54_210);
        assertThat(customers.at("/counts/new/writeErrors").asLong()).isEqualTo(12);
        assertThat(customers.at("/writeFailures/total").asLong()).isEqualTo(12);
        assertThat(customers.at("/writeFailures/bySide/NEW").asLong()).isEqualTo(12);
        assertThat(customers.at("/writeFailures/latest/0/key").asText()).isEqualTo("customer-2112");
        assertThat(customers.at("/experiments/shadow").asText()).isEqualTo("customer-store:shadow");
        assertThat(customers.at("/nextSteps/0/topic").asText()).isEqualTo("BACKFILL");
        assertThat(json.at("/migrations/1/nextSteps/0/topic").asText()).isEqualTo("ROLLBACK");
    }
}
