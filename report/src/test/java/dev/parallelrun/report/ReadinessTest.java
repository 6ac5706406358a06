package dev.parallelrun.report;

import static dev.parallelrun.report.JsonLinesGenerator.FAST;
import static dev.parallelrun.report.JsonLinesGenerator.THREE_TIMES_SLOWER;
import static dev.parallelrun.report.JsonLinesGenerator.readExperiment;
import static dev.parallelrun.report.JsonLinesGenerator.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.parallelrun.experiment.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdict: the one a summary line wrote when the experiment ran in one JVM, else the engine's checks over
 * the added totals with the report's latency floor and skipped share.
 */
class ReadinessTest {

    @TempDir
    Path dir;

    private ExperimentSummary read(List<String> lines) throws IOException {
        return read(lines, ReadFilter.all());
    }

    private ExperimentSummary read(List<String> lines, ReadFilter filter) throws IOException {
        return readExperiment(dir, lines, filter);
    }

    private static JsonLinesGenerator.SummaryLine matched(String jvm, String time, long count) {
        return summary("pricing", jvm, time).sampled(count).outcome(Outcome.MATCH, count);
    }

    @Test
    void theVerdictOfOneJvmIsTheOneItsSummaryLineWrote() throws IOException {
        ExperimentSummary experiment = read(List.of(matched("1-a", "2026-11-25T10:00:00Z", 2_000)
                .readiness(
                        Verdict.Status.NOT_READY,
                        false,
                        new Verdict.Check("fast: mismatch rate", "below 0.100%", "0.000%", true, null),
                        new Verdict.Check(
                                "slow: p99 latency ratio",
                                "at most 2.00x the control",
                                "3.10x",
                                false,
                                "the candidate's p99 is 4.2 ms above the control's, more than the 1 ms floor"))
                .line()));

        Verdict verdict = experiment.readiness();
        assertThat(verdict.fromSummaryLine()).isTrue();
        assertThat(verdict.status()).isEqualTo(Verdict.Status.NOT_READY);
        assertThat(verdict.failing()).singleElement().satisfies(check -> {
            assertThat(check.kind()).isEqualTo(Verdict.Kind.LATENCY);
            assertThat(check.note()).contains("more than the 1 ms floor");
        });
        assertThat(experiment.badge()).isEqualTo("NOT READY");
    }

    @Test
    void anInconclusiveStatusWrittenByTheEngineIsKept() throws IOException {
        ExperimentSummary experiment = read(List.of(matched("1-a", "2026-11-25T10:00:00Z", 10)
                .skipped("CAP", 90)
                .readiness(
                        Verdict.Status.INCONCLUSIVE,
                        false,
                        new Verdict.Check("samples", "at least 1000 compared", "10", false, null),
                        new Verdict.Check("not compared", "at most 50%", "90%", false, "mostly CAP"))
                .line()));

        assertThat(experiment.badge()).isEqualTo("INCONCLUSIVE");
        assertThat(experiment.readiness().checks())
                .extracting(Verdict.Check::kind)
                .containsExactly(Verdict.Kind.SAMPLES, Verdict.Kind.SKIPPED_SHARE);
    }

    @Test
    void aLineOfAnEngineBeforeTheSkippedShareGetsThatCheckFromTheReport() throws IOException {
        ExperimentSummary experiment = read(List.of(summary("pricing", "1-a", "2026-11-25T10:00:00Z")
                .sampled(9_883)
                .outcome(Outcome.MATCH, 64)
                .outcome(Outcome.SKIPPED, 9_819)
                .readiness(null, false, new Verdict.Check("samples", "at least 1000 compared", "64", false, null))
                .line()));

        Verdict verdict = experiment.readiness();
        assertThat(verdict.fromSummaryLine()).isTrue();
        assertThat(verdict.status()).isEqualTo(Verdict.Status.INCONCLUSIVE);
        assertThat(verdict.checks())
                .extracting(Verdict.Check::criterion, Verdict.Check::actual)
                .containsExactly(tuple("samples", "64"), tuple("skipped share", "99.4%"));
        assertThat(verdict.checks().get(1).note()).isEqualTo("the lines do not say why");
    }

    @Test
    void overSeveralJvmsTheVerdictIsComputedOverTheAddedTotals() throws IOException {
        ExperimentSummary experiment = read(List.of(
                matched("1-a", "2026-11-25T10:00:00Z", 600)
                        .outcome(Outcome.MISMATCH, 1)
                        .readiness(
                                Verdict.Status.READY,
                                true,
                                new Verdict.Check("samples", "at least 500 compared", "601", true, null))
                        .line(),
                matched("2-b", "2026-11-25T10:00:00Z", 600)
                        .outcome(Outcome.MISMATCH, 2)
                        .line()));

        Verdict verdict = experiment.readiness();
        assertThat(verdict.fromSummaryLine()).isFalse();
        assertThat(verdict.failing())
                .extracting(Verdict.Check::criterion, Verdict.Check::actual)
                .contains(tuple("mismatch rate", "0.249%"));
        assertThat(experiment.notes())
                .contains("The verdict is computed by this report over the counts of 2 JVMs "
                        + "added together, all candidates together; each JVM's own verdict is in its summary lines.");
    }

    @Test
    void aWindowThatStartsAfterTheFirstSummaryIsJudgedOverItsOwnCounts() throws IOException {
        List<String> lines = List.of(
                matched("1-a", "2026-11-25T09:00:00Z", 1_000)
                        .outcome(Outcome.MISMATCH, 500)
                        .line(),
                matched("1-a", "2026-11-25T11:00:00Z", 3_000)
                        .outcome(Outcome.MISMATCH, 500)
                        .readiness(
                                Verdict.Status.NOT_READY,
                                false,
                                new Verdict.Check("mismatch rate", "below 0.100%", "14.286%", false, null))
                        .line());

        ExperimentSummary experiment =
                read(lines, new ReadFilter(Set.of(), Instant.parse("2026-11-25T10:00:00Z"), null));

        assertThat(experiment.readiness().fromSummaryLine()).isFalse();
        assertThat(experiment.totals().all().count(Outcome.MISMATCH)).isZero();
        assertThat(experiment.readiness().checks())
                .filteredOn(check -> check.kind() == Verdict.Kind.MISMATCH_RATE)
                .singleElement()
                .satisfies(check -> assertThat(check.passed()).isTrue());
    }

    @Test
    void theLatencyFloorPassesARatioWhoseExcessIsWithinIt() throws IOException {
        Criteria withFloor = new Criteria(1_000, 0.001, 0.01, 2.0, 1_000_000, Criteria.DEFAULT_MAX_SKIPPED_SHARE);
        ExperimentSummary experiment = read(List.of(
                matched("1-a", "2026-11-25T10:00:00Z", 2_000)
                        .latency(FAST, THREE_TIMES_SLOWER)
                        .criteria(withFloor)
                        .line(),
                matched("2-b", "2026-11-25T10:00:00Z", 2_000)
                        .latency(FAST, THREE_TIMES_SLOWER)
                        .criteria(withFloor)
                        .line()));

        assertThat(experiment.criteria().latencyFloorNanos()).isEqualTo(1_000_000);
        Verdict.Check latency = experiment.readiness().checks().stream()
                .filter(check -> check.kind() == Verdict.Kind.LATENCY)
                .findFirst()
                .orElseThrow();
        assertThat(latency.actual()).isEqualTo("3.00x (600 µs vs 200 µs)");
        assertThat(latency.passed()).isTrue();
        assertThat(latency.note()).isEqualTo("above the ratio but within the 1.00 ms floor, so it passes");
        assertThat(experiment.badge()).isEqualTo("READY");
    }

    @Test
    void withoutAFloorTheSameRatioFails() throws IOException {
        ExperimentSummary experiment = read(List.of(
                matched("1-a", "2026-11-25T10:00:00Z", 2_000)
                        .latency(FAST, THREE_TIMES_SLOWER)
                        .line(),
                matched("2-b", "2026-11-25T10:00:00Z", 2_000)
                        .latency(FAST, THREE_TIMES_SLOWER)
                        .line()));

        assertThat(experiment.readiness().failing())
                .extracting(Verdict.Check::kind)
                .containsExactly(Verdict.Kind.LATENCY);
        assertThat(experiment.readiness().failing().get(0).note()).isNull();
    }

    @Test
    void mostRunsSkippedMakesTheVerdictInconclusiveAndSaysWhichReasonDominates() throws IOException {
        ExperimentSummary experiment = read(List.of(
                matched("1-a", "2026-11-25T10:00:00Z", 1_000)
                        .latency(FAST, FAST)
                        .skipped("CAP", 1_500)
                        .skipped("RUNAWAYS", 200)
                        .line(),
                matched("2-b", "2026-11-25T10:00:00Z", 1_000)
                        .latency(FAST, FAST)
                        .skipped("CAP", 800)
                        .line()));

        Verdict verdict = experiment.readiness();
        assertThat(verdict.status()).isEqualTo(Verdict.Status.INCONCLUSIVE);
        assertThat(verdict.failing()).singleElement().satisfies(check -> {
            assertThat(check.criterion()).isEqualTo("skipped share");
            assertThat(check.actual()).isEqualTo("55.6%");
            assertThat(check.note()).isEqualTo("mostly CAP (2,300 of 2,500)");
        });
        assertThat(experiment.badge()).isEqualTo("INCONCLUSIVE");
    }

    @Test
    void theMaximumSkippedShareComesFromTheCriteria() throws IOException {
        ExperimentSummary lenient = read(List.of(
                matched("1-a", "2026-11-25T10:00:00Z", 1_000)
                        .latency(FAST, FAST)
                        .skipped("CAP", 1_500)
                        .maxSkippedShare(0.9)
                        .line(),
                matched("2-b", "2026-11-25T10:00:00Z", 1_000)
                        .latency(FAST, FAST)
                        .maxSkippedShare(0.9)
                        .line()));

        assertThat(lenient.criteria().maxSkippedShare()).isEqualTo(0.9);
        assertThat(lenient.readiness().status()).isEqualTo(Verdict.Status.READY);
    }

    @Test
    void withoutCriteriaTheEnginesDefaultsApplyWithTheirFloorAndHalfTheRunsSkippedAtMost() throws IOException {
        ExperimentSummary experiment = read(List.of(
                matched("1-a", "2026-11-25T10:00:00Z", 10).withoutCriteria().line()));

        assertThat(experiment.criteria()).isEqualTo(Criteria.defaults());
        assertThat(experiment.criteria().latencyFloorNanos()).isEqualTo(1_000_000);
        assertThat(experiment.criteria().maxSkippedShare()).isEqualTo(0.5);
        assertThat(experiment.notes()).anyMatch(note -> note.contains("the defaults are used"));
    }
}
