package dev.parallelrun.report;

import static dev.parallelrun.report.JsonLinesGenerator.candidate;
import static dev.parallelrun.report.JsonLinesGenerator.result;
import static dev.parallelrun.report.JsonLinesGenerator.run;
import static dev.parallelrun.report.JsonLinesGenerator.summary;
import static dev.parallelrun.report.JsonLinesGenerator.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.parallelrun.experiment.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runs that were not compared and why: skip reasons, runaways, scheduling delay, runs that never started. */
class NotComparedRunsTest {

    @TempDir
    Path dir;

    private ExperimentSummary read(ReadFilter filter, String... lines) throws IOException {
        Path file = dir.resolve("lines.jsonl");
        write(file, List.of(lines));
        Summary summary = ReportReader.builder()
                .clock(ReportReaderTest.CLOCK)
                .filter(filter)
                .build()
                .read(List.of(file));
        return summary.experiments().get(0);
    }

    private ExperimentSummary read(String... lines) throws IOException {
        return read(ReadFilter.all(), lines);
    }

    @Test
    void skipReasonsAreAddedOverJvmsAndTheirShareIsOfEverySampledCandidateRun() throws IOException {
        Totals totals = read(
                        summary("pricing", "1-a", "2026-11-25T10:00:00Z")
                                .outcome(Outcome.MATCH, 60)
                                .outcome(Outcome.TIMED_OUT, 5)
                                .skipped("CAP", 20)
                                .skipped("RUNAWAYS", 5)
                                .line(),
                        summary("pricing", "2-b", "2026-11-25T10:00:00Z")
                                .outcome(Outcome.MATCH, 5)
                                .skipped("CAP", 5)
                                .skipped("BRAND_NEW", 1)
                                .line())
                .totals();

        assertThat(totals.skipped()).containsExactly(entry("CAP", 25L), entry("RUNAWAYS", 5L), entry("OTHER", 1L));
        assertThat(totals.candidateRuns()).isEqualTo(101);
        assertThat(totals.notCompared()).isEqualTo(36);
        assertThat(totals.skippedShare()).isEqualTo(31.0 / 101);
        assertThat(totals.skippedWithoutReason()).isZero();
    }

    @Test
    void skippedRunsOfLinesThatDoNotSayWhyAreCountedWithoutAReason() throws IOException {
        Totals totals = read(
                        summary("pricing", "1-a", "2026-11-25T10:00:00Z")
                                .outcome(Outcome.SKIPPED, 7)
                                .line(),
                        summary("pricing", "2-b", "2026-11-25T10:00:00Z")
                                .skipped("PAUSED", 3)
                                .line())
                .totals();

        assertThat(totals.skipped()).containsExactly(entry("PAUSED", 3L));
        assertThat(totals.skippedWithoutReason()).isEqualTo(7);
    }

    @Test
    void withoutSkipReasonsOrRunawaysInTheLinesTheTotalsSayNothingOfThem() throws IOException {
        Totals totals = read(summary("pricing", "1-a", "2026-11-25T10:00:00Z")
                        .outcome(Outcome.SKIPPED, 7)
                        .line())
                .totals();

        assertThat(totals.skipped()).isEmpty();
        assertThat(totals.runaways()).isNull();
        assertThat(totals.schedulingDelay().count()).isZero();
    }

    @Test
    void skipReasonsAndRunawaysInTheWindowAreTheDifferenceFromTheBaseline() throws IOException {
        Totals totals = read(
                        new ReadFilter(Set.of(), Instant.parse("2026-11-25T10:30:00Z"), null),
                        summary("pricing", "1-a", "2026-11-25T10:00:00Z")
                                .skipped("CAP", 10)
                                .runaways(2, 2)
                                .line(),
                        summary("pricing", "1-a", "2026-11-25T11:00:00Z")
                                .skipped("CAP", 15)
                                .runaways(1, 3)
                                .line())
                .totals();

        assertThat(totals.skipped()).containsExactly(entry("CAP", 5L));
        assertThat(totals.runaways()).isEqualTo(new Totals.Runaways(1, 1));
    }

    @Test
    void runawaysRunningNowAreAddedOverEachJvmsLatestSummary() throws IOException {
        Totals totals = read(
                        summary("pricing", "1-a", "2026-11-25T10:00:00Z")
                                .runaways(3, 3)
                                .line(),
                        summary("pricing", "1-a", "2026-11-25T11:00:00Z")
                                .runaways(1, 4)
                                .line(),
                        summary("pricing", "2-b", "2026-11-25T11:00:00Z")
                                .runaways(2, 2)
                                .line())
                .totals();

        assertThat(totals.runaways()).isEqualTo(new Totals.Runaways(3, 6));
    }

    @Test
    void theSchedulingDelayIsMergedLikeTheOtherLatencies() throws IOException {
        Totals totals = read(
                        summary("pricing", "1-a", "2026-11-25T10:00:00Z")
                                .schedulingDelay(new long[] {300, 10, 20, 30, 40})
                                .line(),
                        summary("pricing", "2-b", "2026-11-25T10:00:00Z")
                                .schedulingDelay(new long[] {100, 50, 60, 70, 90})
                                .line())
                .totals();

        assertThat(totals.schedulingDelay().count()).isEqualTo(400);
        assertThat(totals.schedulingDelay().p50()).isEqualTo(Duration.ofNanos(20)); // (300*10 + 100*50) / 400
        assertThat(totals.schedulingDelay().max()).isEqualTo(Duration.ofNanos(90));
    }

    @Test
    void skipReasonsOfResultLinesAreCounted() throws IOException {
        ExperimentSummary experiment = read(
                result("pricing", "2026-11-25T10:00:00Z")
                        .candidate(candidate("a", Outcome.SKIPPED).skipReason("CAP"))
                        .candidate(candidate("b", Outcome.SKIPPED).skipReason("BEFORE_RUN"))
                        .line(),
                result("pricing", "2026-11-25T10:00:01Z")
                        .candidate(candidate("a", Outcome.SKIPPED).skipReason("CAP"))
                        .candidate(candidate("b", Outcome.SKIPPED))
                        .line());

        assertThat(experiment.resultSkipReasons()).containsExactly(entry("CAP", 2L), entry("BEFORE_RUN", 1L));
        assertThat(experiment.resultOutcomes()).containsEntry(Outcome.SKIPPED, 4L);
    }

    @Test
    void aTimeoutThatNeverStartedAndTheStartDelayAreKeptInTheExample() throws IOException {
        ExperimentSummary experiment = read(result("pricing", "2026-11-25T10:00:00Z")
                .candidate(candidate("candidate", Outcome.TIMED_OUT)
                        .run(run(250_000_000).neverStarted().startDelay(250_000_000)))
                .line());

        Example.Run run = experiment.groups().get(0).examples().get(0).candidateRun();
        assertThat(run.started()).isFalse();
        assertThat(run.completed()).isFalse();
        assertThat(run.startDelayNanos()).isEqualTo(250_000_000);
        assertThat(new TerminalReport(TerminalReport.Style.plain())
                        .render(ReportReader.builder().build().read(List.of(dir.resolve("lines.jsonl")))))
                .contains("timed out before it started");
    }

    @Test
    void aRunWithoutTheNewFieldsStartedAndHasNoKnownDelay() throws IOException {
        ExperimentSummary experiment = read(result("pricing", "2026-11-25T10:00:00Z")
                .mismatch("aaaaaaaaaaaaaaaa", "/a")
                .line());

        Example.Run run = experiment.groups().get(0).examples().get(0).candidateRun();
        assertThat(run.started()).isTrue();
        assertThat(run.startDelayNanos()).isEqualTo(-1);
    }
}
