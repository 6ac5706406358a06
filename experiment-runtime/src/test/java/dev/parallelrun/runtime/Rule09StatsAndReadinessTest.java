package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.ReadinessCriteria;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Contract rule 9: running counts per outcome, latency histograms, mismatch and error rates, latency
 * ratios, and a readiness verdict that names the criterion that fails.
 */
class Rule09StatsAndReadinessTest {

    @Test
    void countsRatesAndVerdictFollowTheResults() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Integer> experiment = lab.<Integer>experiment("stats")
                    .maxConcurrentCandidates(10_000) // a tight loop outruns the candidates: none may be skipped here
                    .readiness(ReadinessCriteria.defaults().withMaxP99Ratio(1_000_000)) // latency is not under test here
                    .ignore((control, candidate) -> candidate.value() != null && candidate.value() == -3)
                    .build();
            for (int i = 0; i < 1_000; i++) {
                int n = i;
                experiment.run(() -> n, () -> {
                    if (n % 100 == 0) {
                        throw new IllegalStateException("candidate bug");
                    }
                    return n % 50 == 1 ? -1 : n % 250 == 3 ? -3 : n;
                });
            }
            published.await(1_000);
            ExperimentStats stats = experiment.stats();
            // 10 throws (n % 100 == 0), 20 mismatches (n % 50 == 1), 4 ignored (n % 250 == 3)
            assertThat(stats.sampled()).isEqualTo(1_000);
            assertThat(stats.count(Outcome.MISMATCH)).isEqualTo(30);
            assertThat(stats.count(Outcome.IGNORED)).isEqualTo(4);
            assertThat(stats.count(Outcome.MATCH)).isEqualTo(966);
            assertThat(stats.mismatchRate()).isEqualTo(30 / 1_000.0);
            assertThat(stats.candidateErrorRate()).isEqualTo(10 / 1_000.0);
            assertThat(stats.control().count()).isEqualTo(1_000);
            assertThat(stats.candidateLatency().count()).isEqualTo(1_000);
            assertThat(stats.p50Ratio()).isPositive();
            assertThat(stats.p99Ratio()).isPositive();
            Readiness readiness = stats.readiness();
            assertThat(readiness.ready()).isFalse();
            assertThat(readiness.failing()).extracting(Readiness.Check::criterion)
                    .containsExactlyInAnyOrder("mismatch rate", "candidate error rate");
            assertThat(readiness.verdict()).startsWith("NOT READY").contains("mismatch rate 3.000%");
        }
    }

    @Test
    void ignoredIsNeitherAMatchNorAMismatch() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Integer> experiment = lab.<Integer>experiment("ignored").maxConcurrentCandidates(10_000).ignore((a, b) -> true).build();
            for (int i = 0; i < 10; i++) {
                experiment.run(() -> 1, () -> 2);
            }
            published.await(10);
            ExperimentStats stats = experiment.stats();
            assertThat(stats.count(Outcome.IGNORED)).isEqualTo(10);
            assertThat(stats.count(Outcome.MATCH)).isZero();
            assertThat(stats.mismatchRate()).isZero();
            assertThat(stats.total().compared()).isEqualTo(10);
        }
    }

    @Test
    void readyWhenEveryCriterionPasses() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Integer> experiment = lab.<Integer>experiment("ready").maxConcurrentCandidates(10_000)
                    .readiness(ReadinessCriteria.defaults().withMinComparedSamples(200).withMaxMismatchRate(0.01).withMaxP99Ratio(1_000)).build();
            for (int i = 0; i < 200; i++) {
                int n = i;
                experiment.run(() -> n, () -> n);
            }
            published.await(200);
            assertThat(experiment.stats().readiness().ready()).isTrue();
            assertThat(experiment.stats().readiness().verdict()).isEqualTo("READY");
        }
    }

    @Test
    void tooFewSamplesIsItsOwnFailingCriterion() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Integer> experiment = lab.<Integer>experiment("few").build();
            experiment.run(() -> 1, () -> 1);
            published.await(1);
            assertThat(experiment.stats().readiness().failing()).extracting(Readiness.Check::criterion)
                    .contains("samples");
        }
    }

    @Test
    void slowCandidateFailsTheLatencyCriterion() {
        ReadinessCriteria criteria = ReadinessCriteria.defaults();
        Readiness readiness = criteria.evaluate(new ReadinessCriteria.Figures(5_000, 0.0, 0.0, Duration.ofMillis(35),
                Duration.ofMillis(10), 0.0));
        assertThat(readiness.failing()).extracting(Readiness.Check::criterion).containsExactly("p99 latency ratio");
        assertThat(readiness.verdict()).contains("3.50x");
    }
}
