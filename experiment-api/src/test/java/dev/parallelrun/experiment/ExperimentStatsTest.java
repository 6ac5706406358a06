package dev.parallelrun.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stats print as a person reads them: outcomes by name with their share, durations in units, skips and faults in words. */
class ExperimentStatsTest {

    private static final LatencySummary CONTROL = new LatencySummary(
            40, Duration.ofNanos(180), Duration.ofNanos(41_230), Duration.ofNanos(3_052_000), Duration.ofMillis(1_200));
    private static final LatencySummary CANDIDATE = new LatencySummary(
            30, Duration.ofNanos(950), Duration.ofNanos(305_000), Duration.ofMillis(12), Duration.ofSeconds(2));

    private static ExperimentStats stats(
            Map<Outcome, Long> outcomes,
            Map<SkipReason, Long> skipped,
            Map<FaultSource, Long> faults,
            long runaways,
            long runawaysTotal) {
        long sampled = outcomes.values().stream().mapToLong(Long::longValue).sum();
        CandidateStats candidate = new CandidateStats("candidate", outcomes, 1, CANDIDATE);
        ReadinessCriteria criteria = ReadinessCriteria.defaults();
        Readiness readiness = criteria.evaluate(new ReadinessCriteria.Figures(
                candidate.compared(),
                candidate.mismatchRate(),
                candidate.errorRate(),
                CANDIDATE.p99(),
                CONTROL.p99(),
                candidate.skippedShare()));
        return new ExperimentStats(
                "pricing-v2",
                sampled,
                2,
                CONTROL,
                CANDIDATE,
                LatencySummary.empty(),
                List.of(candidate),
                skipped,
                runaways,
                runawaysTotal,
                faults,
                LocalDate.parse("2027-03-01"),
                true,
                criteria,
                readiness);
    }

    @Test
    void outcomesRatesDurationsSkipsAndFaultsAreInWords() {
        Map<Outcome, Long> outcomes = new EnumMap<>(
                Map.of(Outcome.MATCH, 30L, Outcome.MISMATCH, 5L, Outcome.SKIPPED, 4L, Outcome.TIMED_OUT, 1L));
        String text = stats(
                        outcomes,
                        Map.of(SkipReason.CAP, 3L, SkipReason.RUNAWAYS, 1L),
                        Map.of(FaultSource.COMPARATOR, 2L, FaultSource.PUBLISHER, 1L),
                        1,
                        3)
                .toString();
        assertThat(text.lines())
                .containsExactly(
                        "experiment 'pricing-v2': 40 sampled calls (2 not published: queue full)",
                        "  outcomes: MATCH 30 (75.0%) MISMATCH 5 (12.5%) TIMED_OUT 1 (2.5%) SKIPPED 4 (10.0%)",
                        "  mismatch rate 14.286% of compared, candidate error rate 2.778%",
                        "  control   p50 180 ns, p90 41.2 µs, p99 3.05 ms, max 1.20 s (40)",
                        "  candidate p50 950 ns, p90 305 µs, p99 12.0 ms, max 2.00 s (30)",
                        "  waited to start no data",
                        "  skipped 10.0% of sampled runs: maxConcurrentCandidates reached 3; runaway candidates still running 1",
                        "  runaways: 1 running now, 3 in all",
                        "  faults: the comparator 2; a publisher 1",
                        "  expires on 2027-03-01 (EXPIRED)",
                        "  NOT READY: samples 35 (needs at least 1000 compared); mismatch rate 14.286% (needs below 0.100%);"
                                + " candidate error rate 2.778% (needs below 1.000%); p99 latency ratio 3.93x (12.0 ms vs"
                                + " 3.05 ms) (needs at most 2.00x the control (beyond a 1.00 ms floor))");
        assertThat(text).doesNotContain("PT").doesNotContain("CAP").doesNotContain("COMPARATOR");
    }

    @Test
    void quietStatsLeaveOutWhatDidNotHappen() {
        String text = stats(Map.of(), Map.of(), Map.of(), 0, 0).toString();
        assertThat(text)
                .startsWith("experiment 'pricing-v2': 0 sampled calls (2 not published: queue full)\n"
                        + "  outcomes: none yet\n  mismatch rate unknown of compared");
        assertThat(text).doesNotContain("skipped").doesNotContain("runaways").doesNotContain("faults");
    }

    @Test
    void countsAreCompletedAndAddUp() {
        ExperimentStats stats = stats(
                new EnumMap<>(Map.of(Outcome.MATCH, 3L, Outcome.SKIPPED, 1L)),
                Map.of(SkipReason.PAUSED, 1L),
                Map.of(),
                0,
                0);
        assertThat(stats.skipped()).containsOnlyKeys(SkipReason.values()).containsEntry(SkipReason.PAUSED, 1L);
        assertThat(stats.faults()).containsOnlyKeys(FaultSource.values());
        assertThat(stats.outcomes()).containsOnlyKeys(Outcome.values());
        assertThat(stats.count(Outcome.MATCH)).isEqualTo(3);
        assertThat(stats.skippedShare()).isEqualTo(0.25);
        assertThat(stats.sampled()).isEqualTo(4);
    }
}
