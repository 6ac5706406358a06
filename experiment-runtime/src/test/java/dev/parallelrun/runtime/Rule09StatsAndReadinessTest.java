package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.Candidates;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.ReadinessCriteria;
import dev.parallelrun.experiment.SkipReason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Rule 9 of CONTRACT.md: running counts per outcome, latency histograms, mismatch and error rates, latency
 * ratios, and a readiness verdict that names the criterion that fails.
 */
class Rule09StatsAndReadinessTest {

    @Test
    void countsRatesAndVerdictFollowTheResults() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Integer> experiment = lab.<Integer>experiment("stats")
                    .maxConcurrentCandidates(10_000) // a tight loop outruns the candidates: none may be skipped here
                    .readiness(
                            ReadinessCriteria.defaults().withMaxP99Ratio(1_000_000)) // latency is not under test here
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
            assertThat(readiness.failing())
                    .extracting(Readiness.Check::criterion)
                    .containsExactlyInAnyOrder("mismatch rate", "candidate error rate");
            assertThat(readiness.verdict()).startsWith("NOT READY").contains("mismatch rate 3.000%");
        }
    }

    @Test
    void ignoredIsNeitherAMatchNorAMismatch() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Integer> experiment = lab.<Integer>experiment("ignored")
                    .maxConcurrentCandidates(10_000)
                    .ignore((a, b) -> true)
                    .build();
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
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Integer> experiment = lab.<Integer>experiment("ready")
                    .maxConcurrentCandidates(10_000)
                    .readiness(ReadinessCriteria.defaults()
                            .withMinComparedSamples(200)
                            .withMaxMismatchRate(0.01)
                            .withMaxP99Ratio(1_000))
                    .build();
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
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Integer> experiment = lab.<Integer>experiment("few").build();
            experiment.run(() -> 1, () -> 1);
            published.await(1);
            assertThat(experiment.stats().readiness().failing())
                    .extracting(Readiness.Check::criterion)
                    .contains("samples");
        }
    }

    @Test
    void slowCandidateFailsTheLatencyCriterion() {
        ReadinessCriteria criteria = ReadinessCriteria.defaults();
        Readiness readiness = criteria.evaluate(
                new ReadinessCriteria.Figures(5_000, 0.0, 0.0, Duration.ofMillis(35), Duration.ofMillis(10), 0.0));
        assertThat(readiness.failing()).extracting(Readiness.Check::criterion).containsExactly("p99 latency ratio");
        assertThat(readiness.verdict()).contains("3.50x");
    }

    @Test
    void everySnapshotTakenWhileResultsArriveAgreesWithItself() throws Exception {
        int callers = 4;
        int callsEach = 2_000;
        List<String> disagreements = new CopyOnWriteArrayList<>();
        AtomicInteger snapshots = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().build()) {
            // a small cap: many candidates are skipped, so outcomes, skips and sampled calls all move at once
            Experiment<Integer> experiment = lab.<Integer>experiment("consistent")
                    .maxConcurrentCandidates(3)
                    .build();
            Thread checker = Thread.ofPlatform().start(() -> {
                while (!done.get()) {
                    ExperimentStats stats = experiment.stats();
                    snapshots.incrementAndGet();
                    for (CandidateStats candidate : stats.candidates()) {
                        if (candidate.total() != stats.sampled()) {
                            disagreements.add(candidate.candidate() + ": " + candidate.total() + " outcomes for "
                                    + stats.sampled() + " sampled calls");
                        }
                    }
                    long skipped = stats.skipped().values().stream()
                            .mapToLong(Long::longValue)
                            .sum();
                    if (skipped != stats.count(Outcome.SKIPPED)) {
                        disagreements.add(
                                skipped + " skips by reason for " + stats.count(Outcome.SKIPPED) + " SKIPPED");
                    }
                }
            });
            Thread[] threads = new Thread[callers];
            for (int t = 0; t < callers; t++) {
                threads[t] = Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < callsEach; i++) {
                        int n = i;
                        experiment.run(
                                Call.none(),
                                () -> n,
                                Candidates.<Integer>of("same", () -> n).and("odd", () -> n % 3 == 0 ? -n : n));
                    }
                });
            }
            for (Thread thread : threads) {
                thread.join();
            }
            await().until(() -> lab.callsInFlight() == 0);
            done.set(true);
            checker.join();
            assertThat(disagreements).isEmpty();
            assertThat(snapshots.get()).isGreaterThan(1);
            ExperimentStats stats = experiment.stats();
            assertThat(stats.sampled()).isEqualTo((long) callers * callsEach);
            assertThat(stats.candidates()).allSatisfy(c -> assertThat(c.total()).isEqualTo(stats.sampled()));
        }
    }

    @Test
    void statsReadAsAPersonReadsThem() {
        CountDownLatch release = new CountDownLatch(1);
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Integer> experiment = lab.<Integer>experiment("readable")
                    .maxConcurrentCandidates(1)
                    .candidateTimeout(Duration.ofSeconds(30))
                    .ignore((control, candidate) -> {
                        throw new IllegalStateException("rule bug");
                    })
                    .build();
            RuntimeExperiment<?> engine = (RuntimeExperiment<?>) experiment;
            experiment.run(() -> 1, () -> {
                release.await();
                return 1;
            });
            await().until(() -> engine.liveCandidates() == 1);
            experiment.run(() -> 2, () -> 2); // skipped: the cap is reached
            experiment.run(() -> 3, () -> 3);
            await().until(() -> experiment.stats().skipped(SkipReason.CAP) == 2);
            release.countDown();
            await().until(() -> experiment.stats().sampled() == 3 && engine.liveCandidates() == 0);
            experiment.run(() -> 4, () -> -4); // a mismatch, and the ignore rule throws
            await().until(() -> experiment.stats().sampled() == 4);

            ExperimentStats stats = experiment.stats();
            String text = stats.toString();
            assertThat(text).startsWith("experiment 'readable': 4 sampled calls\n");
            assertThat(text).contains("outcomes: MATCH 1 (25.0%) MISMATCH 1 (25.0%) SKIPPED 2 (50.0%)");
            assertThat(text).contains("mismatch rate 50.000% of compared");
            assertThat(text).contains("skipped 50.0% of sampled runs: maxConcurrentCandidates reached 2");
            assertThat(text).contains("faults: an ignore rule 1");
            assertThat(text).doesNotContain("PT").doesNotContain("CAP").doesNotContain("IGNORE ");
            assertThat(text.lines()
                            .filter(line -> line.startsWith("  control ")
                                    || line.startsWith("  candidate ")
                                    || line.startsWith("  waited to start ")))
                    .hasSize(3)
                    .allSatisfy(line -> assertThat(line).matches(".*p50 [0-9.]+ (ns|µs|ms|s), p90 .* \\(\\d+\\)"));
            assertThat(text).endsWith(stats.readiness().verdict());
        }
    }
}
