package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.Candidates;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.SkipReason;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Rule 4 of CONTRACT.md: a candidate past its timeout is interrupted and timed out; past
 * {@code maxConcurrentCandidates} a candidate is skipped and counted, so slow candidates cannot pile up
 * threads or memory.
 */
class Rule04CandidatesAreBoundedTest {

    @Test
    void candidatePastItsTimeoutIsInterruptedAndTimedOut() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<String> experiment = lab.<String>experiment("timeout")
                    .candidateTimeout(Duration.ofMillis(50))
                    .build();
            AtomicBoolean interrupted = new AtomicBoolean();
            CountDownLatch never = new CountDownLatch(1);
            assertThat(experiment.run(() -> "control", () -> {
                        try {
                            never.await();
                        } catch (InterruptedException e) {
                            interrupted.set(true);
                            throw e;
                        }
                        return "never";
                    }))
                    .isEqualTo("control");
            Result<String> result = published.first();
            CandidateResult<String> candidate = result.candidates().get(0);
            assertThat(candidate.outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(candidate.run().completed()).isFalse();
            // the deadline counts from sampling: the wait to start and the run together reach it
            assertThat(candidate.run().startDelay().plus(candidate.run().duration()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(50));
            await().untilTrue(interrupted);
            assertThat(experiment.stats().count(Outcome.TIMED_OUT)).isEqualTo(1);
            assertThat(experiment.stats().candidateErrorRate()).isEqualTo(1.0);
        }
    }

    /** Results published for calls whose candidates the cap skipped after the door (a race, rare). */
    private static long cappedWithResult(RecordingPublisher published) {
        return published.results.stream()
                .filter(r -> r.candidates().get(0).skipReason() == SkipReason.CAP)
                .count();
    }

    @Test
    void candidatesThatHangAndIgnoreInterruptsNeverExceedTheCapAndThreadsComeBack() throws Exception {
        int cap = 16;
        int calls = 10_000;
        startVirtualThreadScheduler();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        RecordingPublisher published = new RecordingPublisher();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger live = new AtomicInteger();
        AtomicInteger maxLive = new AtomicInteger();
        RuntimeExperiment<?>[] experimentRef = new RuntimeExperiment<?>[1];
        // runaway bounds and the carrier budget out of the way: the cap alone is under test here
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(published)
                .queueCapacity(calls * 2)
                .maxRunaways(calls)
                .candidateCarriers(cap)
                .build()) {
            Experiment<Integer> experiment = lab.<Integer>experiment("hang")
                    .maxRunaways(calls)
                    .maxConcurrentCandidates(cap)
                    .candidateTimeout(Duration.ofMillis(20))
                    .build();
            experimentRef[0] = (RuntimeExperiment<?>) experiment;
            for (int i = 0; i < calls; i++) {
                int n = i;
                assertThat(experiment.run(() -> n, () -> {
                            maxLive.accumulateAndGet(live.incrementAndGet(), Math::max);
                            try {
                                while (true) { // ignores interrupts until released
                                    try {
                                        release.await();
                                        return n;
                                    } catch (InterruptedException ignored) {
                                        // keep hanging
                                    }
                                }
                            } finally {
                                live.decrementAndGet();
                            }
                        }))
                        .isEqualTo(n);
                assertThat(experimentRef[0].liveCandidates()).isLessThanOrEqualTo(cap);
            }
            // a call the cap rejects at the door is counted without a result; the others are published
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> experiment.stats().sampled() == calls
                            && published.results.size()
                                    == calls
                                            - experiment.stats().skipped(SkipReason.CAP)
                                            + cappedWithResult(published));
            assertThat(maxLive.get()).isLessThanOrEqualTo(cap);
            var stats = experiment.stats();
            assertThat(stats.count(Outcome.SKIPPED) + stats.count(Outcome.TIMED_OUT))
                    .isEqualTo(calls);
            assertThat(stats.skipped(SkipReason.CAP)).isGreaterThan(calls / 2);
            // only the candidates that got a permit ever started; the rest were skipped, or timed out waiting to start
            assertThat(published.results)
                    .filteredOn(r -> r.anyOutcome(Outcome.TIMED_OUT)
                            && r.candidates().get(0).run().started())
                    .hasSizeLessThanOrEqualTo(cap);
            assertThat(published.results)
                    .filteredOn(r -> r.anyOutcome(Outcome.SKIPPED))
                    .allSatisfy(r -> assertThat(r.candidates().get(0).note()).contains("maxConcurrentCandidates"));
            release.countDown();
            await().until(() -> live.get() == 0 && experimentRef[0].liveCandidates() == 0);
        }
        // polled here by hand: Awaitility's own helper threads would count against the total
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ManagementFactory.getThreadMXBean().getThreadCount() > threadsBefore && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
        assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThanOrEqualTo(threadsBefore);
    }

    /** The JVM starts its virtual-thread carriers on first use; make sure that is not counted against us. */
    private static void startVirtualThreadScheduler() throws InterruptedException {
        CountDownLatch all = new CountDownLatch(Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            Thread.ofVirtual().start(() -> {
                all.countDown();
                try {
                    all.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        all.await();
    }

    @Test
    void permitsComeBackOnceCandidatesFinish() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Integer> experiment = lab.<Integer>experiment("permits")
                    .maxConcurrentCandidates(1)
                    .build();
            for (int i = 0; i < 20; i++) {
                int n = i;
                experiment.run(() -> n, () -> n);
                published.await(i + 1);
                await().pollInterval(Duration.ofMillis(5))
                        .until(() -> ((RuntimeExperiment<?>) experiment).liveCandidates() == 0);
            }
            assertThat(experiment.stats().count(Outcome.MATCH)).isEqualTo(20);
            assertThat(experiment.stats().count(Outcome.SKIPPED)).isZero();
        }
    }

    @Test
    void beforeRunThatOutlivesTheTimeoutAndThenReturnsNeverLetsTheCandidatesStart() throws Exception {
        RecordingPublisher published = new RecordingPublisher();
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> setupThread = new AtomicReference<>();
        AtomicInteger behaviorsRun = new AtomicInteger();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            // room for beforeRun to start before the deadline, which it then outlives
            Experiment<String> experiment = lab.<String>experiment("slow-setup")
                    .candidateTimeout(Duration.ofSeconds(1))
                    .beforeRun(() -> {
                        setupThread.set(Thread.currentThread());
                        awaitIgnoringInterrupts(release); // outlives the deadline, deaf to its interrupt
                    })
                    .build();
            assertThat(experiment.run(
                            Call.none(),
                            () -> "control",
                            Candidates.<String>of("first", () -> {
                                        behaviorsRun.incrementAndGet();
                                        return "control";
                                    })
                                    .and("second", () -> {
                                        behaviorsRun.incrementAndGet();
                                        return "control";
                                    })))
                    .isEqualTo("control");

            // the deadline is enforced from outside: the result comes while beforeRun still runs
            Result<String> result = published.first();
            assertThat(result.candidates()).allSatisfy(candidate -> {
                assertThat(candidate.outcome()).isEqualTo(Outcome.TIMED_OUT);
                assertThat(candidate.run().started()).isFalse();
            });
            assertThat(setupThread.get().isAlive()).isTrue();

            release.countDown(); // beforeRun returns, past the deadline
            assertThat(setupThread.get().join(Duration.ofSeconds(30))).isTrue();
            assertThat(behaviorsRun).as("no behavior starts after its deadline").hasValue(0);
            assertThat(experiment.stats().count(Outcome.TIMED_OUT)).isEqualTo(2);
        }
    }

    /** Waits for {@code latch}, swallowing every interrupt. */
    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // keep waiting
            }
        }
    }
}
