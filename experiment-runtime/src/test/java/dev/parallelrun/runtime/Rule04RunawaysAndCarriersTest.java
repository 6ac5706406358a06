package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.SkipReason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Rule 4 of CONTRACT.md, what a candidate may cost the application: virtual threads are never preempted, so candidates
 * that spin without end must never take every carrier thread, must be counted as runaways once past their timeout,
 * and must stop their experiment (and at the laboratory's bound, every experiment) from starting more.
 */
class Rule04RunawaysAndCarriersTest {

    /** A candidate that computes until released, deaf to interrupts. */
    private static int spinUntil(AtomicBoolean release) {
        long spins = 0;
        while (!release.get()) {
            spins++;
            Thread.onSpinWait();
        }
        return (int) (spins & 1);
    }

    @Test
    void spinningCandidatesNeverFreezeTheApplicationAndEveryCallStillGivesOneResult() {
        AtomicBoolean release = new AtomicBoolean();
        RecordingPublisher published = new RecordingPublisher();
        try (LogCapture log = new LogCapture();
                RuntimeLaboratory lab =
                        RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Integer> spinner = lab.<Integer>experiment("spinner")
                    .candidateTimeout(Duration.ofMillis(100))
                    .build();
            Experiment<Integer> steady = lab.<Integer>experiment("steady")
                    .candidateTimeout(Duration.ofMillis(200))
                    .build();
            try {
                for (int i = 0; i < 8; i++) {
                    assertThat(spinner.run(() -> 7, () -> spinUntil(release))).isEqualTo(7);
                }

                // the application's own virtual threads still run, each within a second of its start
                for (int i = 0; i < 40; i++) {
                    AtomicLong startedAfter = new AtomicLong(-1);
                    long start = System.nanoTime();
                    Thread.ofVirtual().start(() -> startedAfter.set(System.nanoTime() - start));
                    await().atMost(Duration.ofSeconds(1)).until(() -> startedAfter.get() >= 0);
                    if (i == 20) {
                        await().atMost(Duration.ofSeconds(5))
                                .until(() -> spinner.stats().runawaysTotal() > 0);
                    }
                }

                // another experiment still accounts for every sampled call: compared, timed out, or skipped with a
                // reason (a call skipped at the door, before anything was made, is counted without a result)
                int calls = 300;
                for (int i = 0; i < calls; i++) {
                    int n = i;
                    assertThat(steady.run(() -> n, () -> n)).isEqualTo(n);
                }
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> steady.stats().sampled() == calls
                                && resultsOf(published, "steady").size()
                                                + steady.stats().skipped(SkipReason.RUNAWAYS)
                                        >= calls);
                for (Result<?> result : resultsOf(published, "steady")) {
                    CandidateResult<?> candidate = result.candidates().get(0);
                    assertThat(candidate.outcome()).isIn(Outcome.MATCH, Outcome.SKIPPED, Outcome.TIMED_OUT);
                    if (candidate.outcome() == Outcome.TIMED_OUT) {
                        assertThat(candidate.run().started())
                                .as("timed out waiting for a carrier")
                                .isFalse();
                    }
                }
                assertThat(steady.stats().sampled()).isEqualTo(calls);

                // the runaways are counted, bounded and said once
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> spinner.stats().sampled() == 8
                                && spinner.stats().count(Outcome.SKIPPED)
                                                + spinner.stats().count(Outcome.TIMED_OUT)
                                        == 8);
                ExperimentStats stats = spinner.stats();
                assertThat(stats.runaways()).isBetween(1L, (long)
                        Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
                assertThat(lab.runaways()).isGreaterThanOrEqualTo(1);
                assertThat(stats.count(Outcome.SKIPPED) + stats.count(Outcome.TIMED_OUT))
                        .isEqualTo(8);
                assertThat(log.count("is a runaway")).isEqualTo(1);

                // a later call of the spinning experiment is skipped, with the reason, until its runaway ends
                long before = spinner.stats().skipped(SkipReason.RUNAWAYS);
                spinner.run(() -> 7, () -> 8);
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> spinner.stats().sampled() == 9);
                assertThat(spinner.stats().skipped(SkipReason.RUNAWAYS)).isEqualTo(before + 1);
                assertThat(spinner.stats().toString()).contains("runaway candidates still running");
            } finally {
                release.set(true);
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> lab.runaways() == 0 && spinner.stats().runaways() == 0);
            assertThat(spinner.stats().runawaysTotal()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aCandidateThatNeverGotACarrierTimesOutAndNeverRunsItsBehavior() {
        AtomicBoolean release = new AtomicBoolean();
        AtomicBoolean ran = new AtomicBoolean();
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(published)
                .candidateCarriers(1)
                .build()) {
            Experiment<Integer> hog = lab.<Integer>experiment("hog")
                    .candidateTimeout(Duration.ofSeconds(30))
                    .build();
            Experiment<Integer> waiter = lab.<Integer>experiment("waiter")
                    .candidateTimeout(Duration.ofMillis(50))
                    .build();
            try {
                hog.run(() -> 1, () -> spinUntil(release));
                await().until(() -> lab.dispatcher().gate().room() <= 0); // the hog holds the only carrier it may
                waiter.run(() -> 2, () -> {
                    ran.set(true);
                    return 2;
                });
                Result<?> result = await().atMost(Duration.ofSeconds(10))
                        .until(() -> resultsOf(published, "waiter"), results -> results.size() == 1)
                        .get(0);
                CandidateResult<?> candidate = result.candidates().get(0);
                assertThat(candidate.outcome()).isEqualTo(Outcome.TIMED_OUT);
                assertThat(candidate.run().started()).isFalse();
                assertThat(candidate.run().startDelay()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
                assertThat(candidate.note()).contains("never started");
            } finally {
                release.set(true);
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> resultsOf(published, "hog").size() == 1);
            assertThat(ran)
                    .as("the timed-out candidate never ran, even once a carrier was free")
                    .isFalse();
        }
    }

    @Test
    void candidatesBlockedInIoDoNotCountAgainstTheCarrierBudget() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(published)
                .candidateCarriers(1)
                .build()) {
            Experiment<Integer> io = lab.<Integer>experiment("io")
                    .candidateTimeout(Duration.ofSeconds(20))
                    .build();
            for (int i = 0; i < 5; i++) {
                io.run(() -> 1, () -> {
                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    release.await(); // blocked, as in I/O: it holds no carrier
                    inside.decrementAndGet();
                    return 1;
                });
            }
            // with one carrier for candidates, five blocked ones are all running at once
            await().atMost(Duration.ofSeconds(10)).until(() -> inside.get() == 5);
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> published.results.size() == 5);
            assertThat(published.results)
                    .allSatisfy(r -> assertThat(r.candidates().get(0).outcome()).isEqualTo(Outcome.MATCH));
            assertThat(mostInside.get()).isEqualTo(5);
        }
    }

    @Test
    void mostCallsSkippedMakesTheVerdictInconclusiveAndNamesTheRemedy() {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Integer> capped = lab.<Integer>experiment("capped")
                    .maxConcurrentCandidates(1)
                    .candidateTimeout(Duration.ofSeconds(20))
                    .build();
            capped.run(() -> 1, () -> {
                release.await();
                return 1;
            });
            await().until(() -> ((RuntimeExperiment<?>) capped).liveCandidates() == 1);
            for (int i = 0; i < 9; i++) {
                capped.run(() -> 1, () -> 1);
            }
            await().until(() -> capped.stats().count(Outcome.SKIPPED) == 9);
            release.countDown();
            await().until(() -> capped.stats().sampled() == 10);
            ExperimentStats stats = capped.stats();
            assertThat(stats.skippedShare()).isEqualTo(0.9);
            assertThat(stats.skipped(SkipReason.CAP)).isEqualTo(9);
            assertThat(stats.readiness().status()).isEqualTo(Readiness.Status.INCONCLUSIVE);
            assertThat(stats.readiness().verdict()).startsWith("INCONCLUSIVE").contains("skipped share 90.000%");
            assertThat(SkipReason.CAP.remedy()).contains("maxConcurrentCandidates");
        }
    }

    private static List<Result<?>> resultsOf(RecordingPublisher published, String experiment) {
        return published.results.stream()
                .filter(r -> r.experiment().equals(experiment))
                .toList();
    }
}
