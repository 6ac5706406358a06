package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.experiment.Result;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Rule 7 of CONTRACT.md: one result per sampled run, handed to each publisher on one publishing thread through
 * a bounded queue; a full queue drops and counts; a failing publisher is isolated; close drains within a
 * deadline.
 */
class Rule07PublishingTest {

    @Test
    void everySampledRunProducesOneResultForEveryPublisher() {
        RecordingPublisher first = new RecordingPublisher();
        RecordingPublisher second = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(first).publisher(second).build()) {
            Experiment<Integer> experiment = lab.<Integer>experiment("publish").build();
            for (int i = 0; i < 100; i++) {
                int n = i;
                experiment.run(() -> n, () -> n % 10 == 0 ? -n : n);
            }
            first.await(100);
            second.await(100);
            assertThat(first.results).hasSize(100);
            assertThat(second.results).hasSize(100);
            assertThat(first.threads).allMatch(t -> t.getName().equals("parallel-run-publisher"));
            assertThat(lab.publishingStats().published()).isEqualTo(100);
        }
    }

    @Test
    void fullQueueDropsAndCountsWithoutBlockingTheCaller() throws Exception {
        CountDownLatch unblock = new CountDownLatch(1);
        CountDownLatch publishing = new CountDownLatch(1);
        Publisher stuck = result -> {
            publishing.countDown();
            try {
                unblock.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(stuck).queueCapacity(2).build()) {
            Experiment<Integer> experiment = lab.<Integer>experiment("full").build();
            experiment.run(() -> 0, () -> 0);
            publishing.await(); // the publishing thread is now stuck on the first result
            for (int i = 1; i <= 50; i++) {
                int n = i;
                assertThat(experiment.run(() -> n, () -> n)).isEqualTo(n);
            }
            await().until(() ->
                    lab.publishingStats().dropped() + lab.publishingStats().queued() == 50);
            assertThat(lab.publishingStats().queued()).isLessThanOrEqualTo(2);
            assertThat(lab.publishingStats().dropped()).isGreaterThanOrEqualTo(48);
            assertThat(experiment.stats().dropped())
                    .isEqualTo(lab.publishingStats().dropped());
            unblock.countDown();
        }
    }

    @Test
    void publisherThatThrowsIsIsolatedAndCounted() {
        RecordingPublisher healthy = new RecordingPublisher();
        Publisher broken = result -> {
            throw new IllegalStateException("publisher bug");
        };
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(broken).publisher(healthy).build()) {
            Experiment<Integer> experiment = lab.<Integer>experiment("isolated").build();
            for (int i = 0; i < 10; i++) {
                experiment.run(() -> 1, () -> 2);
            }
            healthy.await(10);
            assertThat(lab.publishingStats().publisherFailures()).isEqualTo(10);
            assertThat(experiment.stats().faults(FaultSource.PUBLISHER)).isEqualTo(10);
        }
    }

    @Test
    void closeDrainsWhatIsQueuedThenClosesPublishers() {
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        RecordingPublisher recording = new RecordingPublisher();
        Publisher slow = result -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.incrementAndGet();
        };
        RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(slow)
                .publisher(recording)
                .closeTimeout(Duration.ofSeconds(20))
                .build();
        Experiment<Integer> experiment = lab.<Integer>experiment("drain").build();
        for (int i = 0; i < 20; i++) {
            experiment.run(() -> 1, () -> 1);
        }
        await().until(() -> lab.publishingStats().queued() >= 19);
        go.countDown();
        lab.close();
        assertThat(seen.get() + lab.publishingStats().dropped()).isEqualTo(20);
        assertThat(seen).hasValue(20);
        assertThat(recording.closed).isTrue();
    }

    @Test
    void closeReturnsByItsDeadlineEvenWhenAPublisherIsStuck() {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        Publisher stuck = result -> {
            entered.countDown();
            while (true) {
                try {
                    never.await();
                    return;
                } catch (InterruptedException ignored) {
                    // ignores interrupts on purpose
                }
            }
        };
        RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(stuck)
                .closeTimeout(Duration.ofMillis(200))
                .build();
        Experiment<Integer> experiment = lab.<Integer>experiment("stuck").build();
        for (int i = 0; i < 5; i++) {
            experiment.run(() -> 1, () -> 1);
        }
        await().until(() -> entered.getCount() == 0);
        long start = System.nanoTime();
        lab.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(lab.publishingStats().dropped()).isGreaterThanOrEqualTo(1);
        never.countDown();
    }

    @Test
    void afterCloseRunJustRunsTheControl() {
        RecordingPublisher published = new RecordingPublisher();
        RuntimeLaboratory lab = RuntimeLaboratory.builder().publisher(published).build();
        Experiment<Integer> experiment = lab.<Integer>experiment("closed").build();
        lab.close();
        AtomicInteger candidates = new AtomicInteger();
        assertThat(experiment.run(() -> 7, () -> candidates.incrementAndGet())).isEqualTo(7);
        assertThat(candidates).hasValue(0);
        assertThat(published.results).isEmpty();
        assertThat(lab.closed()).isTrue();
    }

    @Test
    void candidatesStillRunningAtCloseAreAccountedFor() {
        RecordingPublisher published = new RecordingPublisher();
        RuntimeLaboratory lab = RuntimeLaboratory.builder().publisher(published).build();
        Experiment<Integer> experiment = lab.<Integer>experiment("inflight")
                .candidateTimeout(Duration.ofMinutes(5))
                .build();
        CountDownLatch never = new CountDownLatch(1);
        experiment.run(() -> 1, () -> {
            never.await();
            return 1;
        });
        lab.close();
        PublishingStatsAssert.accounted(lab, 1);
    }

    /** Every sampled call ends up published or dropped. */
    static final class PublishingStatsAssert {
        static void accounted(RuntimeLaboratory lab, long calls) {
            await().until(() ->
                    lab.publishingStats().published() + lab.publishingStats().dropped() == calls);
        }
    }

    @Test
    void resultCarriesExperimentCallContextAndTimes() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<String> experiment = lab.<String>experiment("context")
                    .context(() -> java.util.Map.of("region", "eu-west"))
                    .build();
            experiment.run(dev.parallelrun.experiment.Call.keyed("customer-9").with("order", 17), () -> "a", () -> "b");
            Result<String> result = published.first();
            assertThat(result.experiment()).isEqualTo("context");
            assertThat(result.call().key()).isEqualTo("customer-9");
            assertThat(result.context()).containsEntry("order", "17").containsEntry("region", "eu-west");
            assertThat(result.startedAt()).isBeforeOrEqualTo(result.control().startedAt());
            assertThat(result.control().name()).isEqualTo("control");
            assertThat(result.candidates().get(0).run().name()).isEqualTo("candidate");
        }
    }

    @Test
    void whenTheCallAndTheExperimentShareAContextKeyTheCallsValueWins() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<String> experiment = lab.<String>experiment("clash")
                    .context(() -> java.util.Map.of("region", "from-experiment", "build", "1.4"))
                    .build();
            experiment.run(
                    dev.parallelrun.experiment.Call.keyed("c-1").with("region", "from-call"), () -> "a", () -> "a");
            Result<String> result = published.first();
            assertThat(result.context())
                    .containsEntry("region", "from-call")
                    .containsEntry("build", "1.4")
                    .hasSize(2);
            assertThat(result.call().context()).containsExactly(java.util.Map.entry("region", "from-call"));
        }
    }

    @Test
    void aCandidateRunningWhenCloseIsCalledFinishesAndIsPublishedBeforeCloseReturns() throws Exception {
        RecordingPublisher published = new RecordingPublisher();
        RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(published)
                .closeTimeout(Duration.ofSeconds(60))
                .build();
        Experiment<Integer> experiment = lab.<Integer>experiment("closing")
                .candidateTimeout(Duration.ofSeconds(30))
                .build();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        experiment.run(() -> 1, () -> {
            running.countDown();
            release.await();
            return 1;
        });
        running.await();
        Thread closer = Thread.ofPlatform().start(lab::close);
        await().until(lab::closed);
        assertThat(closer.isAlive()).as("close waits for the call in flight").isTrue();
        release.countDown();
        closer.join();
        assertThat(published.results)
                .singleElement()
                .satisfies(r -> assertThat(r.candidates().get(0).outcome()).isEqualTo(Outcome.MATCH));
        assertThat(published.closed).isTrue();
    }

    @Test
    void aCandidateHandedOverBeforeCloseButNotYetStartedStillRunsAndIsPublished() throws Exception {
        RecordingPublisher published = new RecordingPublisher();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        CountDownLatch poolBusy = new CountDownLatch(1);
        CountDownLatch freePool = new CountDownLatch(1);
        pool.execute(() -> {
            poolBusy.countDown();
            try {
                freePool.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            poolBusy.await();
            RuntimeLaboratory lab = RuntimeLaboratory.builder()
                    .publisher(published)
                    .closeTimeout(Duration.ofSeconds(60))
                    .build();
            Experiment<Integer> experiment = lab.<Integer>experiment("queued-at-close")
                    .candidateExecutor(pool)
                    .candidateTimeout(Duration.ofSeconds(30))
                    .build();
            AtomicInteger ran = new AtomicInteger();
            experiment.run(() -> 1, () -> ran.incrementAndGet());
            Thread closer = Thread.ofPlatform().start(lab::close);
            await().until(lab::closed);
            assertThat(ran).as("the candidate waits in the executor's queue").hasValue(0);
            freePool.countDown();
            closer.join();
            assertThat(ran).hasValue(1);
            assertThat(published.results)
                    .singleElement()
                    .satisfies(r -> assertThat(r.candidates().get(0).outcome()).isEqualTo(Outcome.MATCH));
        } finally {
            freePool.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aCallSampledAfterCloseRunsTheControlOnly() throws Exception {
        RecordingPublisher published = new RecordingPublisher();
        RuntimeLaboratory lab = RuntimeLaboratory.builder().publisher(published).build();
        Experiment<Integer> experiment = lab.<Integer>experiment("after-close").build();
        lab.close();
        AtomicInteger candidates = new AtomicInteger();
        IllegalStateException failure = new IllegalStateException("control failed");
        assertThat(experiment.run(() -> 7, () -> candidates.incrementAndGet())).isEqualTo(7);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> experiment.run(
                        () -> {
                            throw failure;
                        },
                        () -> candidates.incrementAndGet()))
                .isSameAs(failure);
        java.util.concurrent.CompletableFuture<Integer> stage = new java.util.concurrent.CompletableFuture<>();
        assertThat(experiment.runAsync(() -> stage, () -> {
                    candidates.incrementAndGet();
                    return java.util.concurrent.CompletableFuture.completedFuture(1);
                }))
                .isSameAs(stage);
        assertThat(experiment
                        .<Integer>wrap(x -> x, x -> candidates.incrementAndGet())
                        .apply(3))
                .isEqualTo(3);
        assertThat(candidates).hasValue(0);
        assertThat(experiment.stats().sampled()).isZero();
        assertThat(lab.callsInFlight()).isZero();
        assertThat(published.results).isEmpty();
    }
}
