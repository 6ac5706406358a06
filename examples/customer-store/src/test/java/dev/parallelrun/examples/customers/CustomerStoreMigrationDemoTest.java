package dev.parallelrun.examples.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.parallelrun.experiment.migration.RollbackPolicy;
import dev.parallelrun.experiment.migration.Side;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.experiment.migration.WriteFailure;
import dev.parallelrun.publisher.jsonlines.JsonLinesPublisher;
import dev.parallelrun.report.MigrationSummary;
import dev.parallelrun.report.NextStep;
import dev.parallelrun.report.TerminalReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end against real H2 files: all six stages, the planted fault rolled back in LIVE without a caller
 * noticing on reads, the failed writes repaired by key, two stores that agree before the old one is retired, and a
 * report over the demo's JSON Lines that shows the rollback with its reason, the stages up to COMPLETE and the failed
 * writes with their keys. The demo runs once for all the tests.
 */
class CustomerStoreMigrationDemoTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path output;

    private static CustomerStoreMigrationDemo.Outcome outcome;
    private static String text;

    @BeforeAll
    static void runTheDemo() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        outcome = CustomerStoreMigrationDemo.run(
                1_500, output, Duration.ofSeconds(1), new PrintStream(printed, true, StandardCharsets.UTF_8));
        text = printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void walksEveryStageRollsBackThePlantedFaultAndFinishesWithStoresThatAgree() throws Exception {
        assertThat(outcome.history())
                .as(text)
                .extracting(StageChange::cause, StageChange::from, StageChange::to)
                .containsExactly(
                        tuple(StageChange.Cause.STARTED, null, Stage.OFF),
                        tuple(StageChange.Cause.SOURCE, Stage.OFF, Stage.DUAL_WRITE),
                        tuple(StageChange.Cause.SOURCE, Stage.DUAL_WRITE, Stage.SHADOW),
                        tuple(StageChange.Cause.SOURCE, Stage.SHADOW, Stage.LIVE),
                        tuple(StageChange.Cause.ROLLBACK, Stage.LIVE, Stage.SHADOW),
                        tuple(StageChange.Cause.ACKNOWLEDGED, Stage.SHADOW, Stage.SHADOW),
                        tuple(StageChange.Cause.SOURCE, Stage.SHADOW, Stage.LIVE),
                        tuple(StageChange.Cause.SOURCE, Stage.LIVE, Stage.RAMP_DOWN),
                        tuple(StageChange.Cause.SOURCE, Stage.RAMP_DOWN, Stage.COMPLETE));
        StageChange rollback = outcome.history().get(4);
        assertThat(rollback.trip().criterion())
                .isIn(RollbackPolicy.Criterion.READ_ERROR_RATE, RollbackPolicy.Criterion.WRITE_FAILURE_RATE);

        // the old side answered every read the broken new side failed
        assertThat(outcome.callerReadErrors()).as(text).isZero();
        assertThat(outcome.stats().fallbacks()).isPositive();
        // every write that failed on the new side was kept with its key, and exactly those keys were repaired
        assertThat(outcome.writeFailures()).hasSize((int) outcome.stats().writeFailures());
        assertThat(outcome.writeFailures().stream()
                        .map(failure -> Long.parseLong(failure.key()))
                        .collect(Collectors.toSet()))
                .isEqualTo(outcome.repaired());
        assertThat(outcome.writeFailures())
                .allSatisfy(failure -> assertThat(failure.side()).isEqualTo(Side.NEW));
        assertThat(outcome.disagreeing()).as(text).isZero();
        assertThat(outcome.checked()).isGreaterThanOrEqualTo(2_000);

        assertThat(text)
                .contains("stage timeline of 'customer-store':")
                .contains("LIVE -> SHADOW")
                .contains("rolled back: ")
                .contains("rollback acknowledged");
        assertThat(output.resolve("legacy.mv.db")).exists();
        assertThat(output.resolve("modern.mv.db")).exists();
        assertThat(Files.size(output.resolve("modern.mv.db"))).isPositive();
    }

    @Test
    void theReportShowsThePlantedRollbackWithItsReasonAndThatItWasAcknowledged() {
        MigrationSummary migration =
                outcome.report().migration("customer-store").orElseThrow();
        StageChange planted = outcome.history().get(4);

        assertThat(migration.rollbacks()).as(text).singleElement().satisfies(rollback -> {
            assertThat(rollback.entry().move()).isEqualTo("LIVE -> SHADOW");
            assertThat(rollback.entry().reason()).isEqualTo(planted.reason()).startsWith("rolled back: ");
            assertThat(rollback.entry().trip().criterion())
                    .isEqualTo(planted.trip().criterion().name());
            assertThat(rollback.entry().trip().detail())
                    .isEqualTo(planted.trip().detail());
            assertThat(rollback.acknowledged()).isTrue();
            // lines carry milliseconds
            assertThat(rollback.acknowledgedAt())
                    .isEqualTo(outcome.history().get(5).at().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        });
        assertThat(migration.rollbackPending()).isFalse();
        assertThat(text)
                .contains("== customer-store ==  migration, stage COMPLETE")
                .contains("Rolled back  ")
                .contains("LIVE -> SHADOW, acknowledged at ")
                .contains(planted.trip().criterion().description());
    }

    @Test
    void theReportsTimelineIsTheMigrationsEndingInComplete() {
        MigrationSummary migration =
                outcome.report().migration("customer-store").orElseThrow();

        assertThat(migration.timeline())
                .as(text)
                .extracting(
                        MigrationSummary.StageEntry::cause,
                        MigrationSummary.StageEntry::from,
                        MigrationSummary.StageEntry::to)
                .containsExactlyElementsOf(outcome.history().stream()
                        .map(change -> tuple(
                                change.cause().name(),
                                change.from() == null ? null : change.from().name(),
                                change.to().name()))
                        .toList());
        assertThat(migration.timeline().get(migration.timeline().size() - 1).to())
                .isEqualTo("COMPLETE");
        assertThat(migration.stage()).isEqualTo("COMPLETE");
        assertThat(migration.counts().reads()).isEqualTo(outcome.stats().reads());
        assertThat(migration.counts().writeFailures()).isEqualTo(outcome.stats().writeFailures());
        assertThat(text).contains("Timeline     ").contains("RAMP_DOWN -> COMPLETE");
    }

    @Test
    void theReportShowsTheFailedWritesWithTheirKeys() {
        MigrationSummary migration =
                outcome.report().migration("customer-store").orElseThrow();
        Set<String> keys =
                outcome.writeFailures().stream().map(WriteFailure::key).collect(Collectors.toSet());

        assertThat(migration.writeFailures().total())
                .as(text)
                .isEqualTo(outcome.stats().writeFailures())
                .isPositive();
        assertThat(migration.writeFailures().of("NEW"))
                .isEqualTo(migration.writeFailures().total());
        assertThat(migration.writeFailures().distinctKeys()).isEqualTo(keys.size());
        assertThat(migration.writeFailures().latest())
                .isNotEmpty()
                .allSatisfy(failure -> assertThat(keys).contains(failure.key()));
        String latestKey = migration.writeFailures().latest().get(0).key();
        assertThat(text)
                .contains("Write errors " + outcome.stats().writeFailures() + " failed other write")
                .contains("key " + latestKey + "  NEW in ");
        assertThat(migration.nextSteps()).extracting(NextStep::topic).contains(NextStep.Topic.BACKFILL);
    }

    @Test
    void theReportPageHoldsTheMigrationAndItsReadComparisons() throws IOException {
        String page = Files.readString(outcome.html(), StandardCharsets.UTF_8);

        assertThat(outcome.html()).isEqualTo(output.resolve("report.html"));
        assertThat(page)
                .contains("<section class=\"migration\" id=\"migration-1\">")
                .contains("data-cause=\"ROLLBACK\"")
                .contains("data-acknowledged=\"true\"")
                .contains(
                        "<code class=\"key\">" + outcome.writeFailures().get(0).key() + "</code>")
                .contains("data-experiment=\"customer-store:shadow\"");
        assertThat(outcome.report().experiments())
                .extracting(e -> e.experiment())
                .contains("customer-store:shadow", "customer-store:live");
        // the page is what the terminal report says, in the same words
        assertThat(new TerminalReport(TerminalReport.Style.plain()).render(outcome.report()))
                .contains("== customer-store ==  migration, stage COMPLETE");
    }

    @Test
    void everyLineTheDemoWroteValidatesAgainstTheSchema() throws IOException {
        JsonSchema schema;
        try (InputStream in = JsonLinesPublisher.class.getResourceAsStream("schema-2.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(MAPPER.readTree(in));
        }
        List<JsonNode> lines;
        try (Stream<Path> files = Files.list(output.resolve("jsonl"))) {
            lines = files.flatMap(file -> {
                        try {
                            return Files.readAllLines(file, StandardCharsets.UTF_8).stream();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(line -> {
                        try {
                            return MAPPER.readTree(line);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }

        assertThat(lines)
                .extracting(line -> line.get("type").asText())
                .contains("stage", "writeFailure", "migration", "summary");
        for (JsonNode line : lines) {
            assertThat(schema.validate(line)).as("%s", line).isEmpty();
        }
    }
}
