package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.SkipReason;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rule 4 of CONTRACT.md on a candidate executor: the caller's context, timeouts, the cap and runaway bounds hold there too, and a rejection is a skip. */
class Rule04CandidateExecutorTest {

    private static final ContextKey<String> TENANT = ContextKey.named("tenant");

    private final RecordingPublisher published = new RecordingPublisher();
    private final RuntimeLaboratory lab =
            RuntimeLaboratory.builder().publisher(published).build();
    private ExecutorService pool;

    @AfterEach
    void close() {
        lab.close();
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> Thread.ofPlatform()
                .name(prefix + count.incrementAndGet())
                .daemon(true)
                .unstarted(task);
    }

    private static int awaitIgnoringInterrupts(CountDownLatch latch, int value) {
        while (true) {
            try {
                latch.await();
                return value;
            } catch (InterruptedException ignored) {
                // deaf to its timeout
            }
        }
    }

    @Test
    void candidatesRunOnTheExecutorsPlatformThreadsWithTheCallersContext() throws Exception {
        pool = Executors.newSingleThreadExecutor(named("heavy-"));
        Experiment<String> experiment =
                lab.<String>experiment("on-executor").candidateExecutor(pool).build();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Scope scope = Context.current().with(TENANT, "acme").makeCurrent();
        try {
            experiment.run(() -> "acme", () -> {
                ranOn.set(Thread.currentThread());
                return Context.current().get(TENANT);
            });
        } finally {
            scope.close();
        }
        Result<String> result = published.first();
        assertThat(result.candidates().get(0).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(ranOn.get().getName()).isEqualTo("heavy-1");
        assertThat(ranOn.get().isVirtual()).isFalse();
        // the executor's thread is put back as it was
        assertThat(pool.submit(() -> String.valueOf(Context.current().get(TENANT)))
                        .get(30, TimeUnit.SECONDS))
                .isEqualTo("null");
    }

    @Test
    void aCandidatePastItsTimeoutOnTheExecutorIsInterruptedAndTimedOut() {
        pool = Executors.newFixedThreadPool(2, named("heavy-"));
        // a deadline the idle pool meets with room to spare: the behavior starts, then runs past it
        Experiment<String> experiment = lab.<String>experiment("executor-timeout")
                .candidateExecutor(pool)
                .candidateTimeout(Duration.ofSeconds(1))
                .build();
        AtomicBoolean interrupted = new AtomicBoolean();
        experiment.run(() -> "a", () -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return "never";
        });
        CandidateResult<?> candidate = published.first().candidates().get(0);
        assertThat(candidate.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(candidate.run().started()).isTrue();
        await().untilTrue(interrupted);
        await().until(() -> ((RuntimeExperiment<?>) experiment).liveCandidates() == 0);
    }

    @Test
    void aCandidateThatWaitedInTheExecutorsQueuePastItsDeadlineNeverRuns() throws Exception {
        pool = Executors.newSingleThreadExecutor(named("heavy-"));
        CountDownLatch free = new CountDownLatch(1);
        pool.execute(() -> awaitIgnoringInterrupts(free, 0)); // its one thread is taken: candidates queue
        Experiment<Integer> experiment = lab.<Integer>experiment("executor-queued")
                .candidateExecutor(pool)
                .candidateTimeout(Duration.ofMillis(50))
                .build();
        AtomicInteger ran = new AtomicInteger();
        try {
            experiment.run(() -> 1, () -> ran.incrementAndGet());
            CandidateResult<?> candidate = published.first().candidates().get(0);
            assertThat(candidate.outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(candidate.run().started()).isFalse();
            assertThat(candidate.note()).contains("never started");
            // the permit is back although the task still waits in the queue
            await().until(() -> ((RuntimeExperiment<?>) experiment).liveCandidates() == 0);
        } finally {
            free.countDown();
        }
        pool.submit(() -> {}).get(30, TimeUnit.SECONDS); // the queued task has had its turn by now
        assertThat(ran).hasValue(0);
        assertThat(experiment.stats().runawaysTotal()).isZero();
    }

    @Test
    void theConcurrencyCapHoldsOnTheExecutor() {
        pool = Executors.newFixedThreadPool(4, named("heavy-"));
        Experiment<Integer> experiment = lab.<Integer>experiment("executor-cap")
                .candidateExecutor(pool)
                .maxConcurrentCandidates(2)
                .candidateTimeout(Duration.ofSeconds(30))
                .build();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger live = new AtomicInteger();
        AtomicInteger mostLive = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            int n = i;
            experiment.run(() -> n, () -> {
                mostLive.accumulateAndGet(live.incrementAndGet(), Math::max);
                try {
                    release.await();
                    return n;
                } finally {
                    live.decrementAndGet();
                }
            });
        }
        await().until(() -> experiment.stats().skipped(SkipReason.CAP) == 8);
        release.countDown();
        published.await(10);
        assertThat(mostLive.get()).isLessThanOrEqualTo(2);
        assertThat(experiment.stats().count(Outcome.MATCH)).isEqualTo(2);
        assertThat(experiment.stats().count(Outcome.SKIPPED)).isEqualTo(8);
    }

    @Test
    void aCandidateThatIgnoresInterruptsOnTheExecutorIsARunawayAndStopsItsExperiment() {
        pool = Executors.newFixedThreadPool(2, named("heavy-"));
        Experiment<Integer> experiment = lab.<Integer>experiment("executor-runaway")
                .candidateExecutor(pool)
                .candidateTimeout(Duration.ofSeconds(1))
                .build();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        try {
            experiment.run(() -> 1, () -> {
                started.incrementAndGet();
                return awaitIgnoringInterrupts(release, 1);
            });
            await().until(() -> experiment.stats().runaways() == 1);
            assertThat(experiment.stats().runawaysTotal()).isEqualTo(1);

            experiment.run(() -> 2, () -> {
                started.incrementAndGet();
                return 2;
            });
            // shed at the door: counted, with its reason, and no result made
            await().until(() -> experiment.stats().sampled() == 2);
            assertThat(experiment.stats().skipped(SkipReason.RUNAWAYS)).isEqualTo(1);
            assertThat(published.results).hasSize(1);
            assertThat(started).hasValue(1);
        } finally {
            release.countDown();
        }
        // once the runaway ends, the experiment runs its candidates again
        await().until(() -> experiment.stats().runaways() == 0);
        experiment.run(() -> 3, () -> 3);
        await().until(() -> published.results.size() == 2);
        assertThat(published.results.get(1).candidates().get(0).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(lab.runaways())
                .as("an executor's runaway holds no carrier of the laboratory")
                .isZero();
    }

    @Test
    void anExecutorThatRejectsGivesASkipWithItsReason() {
        AtomicInteger ran = new AtomicInteger();
        Experiment<Integer> experiment = lab.<Integer>experiment("rejecting")
                .candidateExecutor(task -> {
                    throw new RejectedExecutionException("full");
                })
                .build();
        assertThat(experiment.run(() -> 1, () -> ran.incrementAndGet())).isEqualTo(1);
        CandidateResult<?> candidate = published.first().candidates().get(0);
        assertThat(candidate.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(candidate.skipReason()).isEqualTo(SkipReason.REJECTED);
        assertThat(ran).hasValue(0);
        assertThat(experiment.stats().skipped(SkipReason.REJECTED)).isEqualTo(1);
        assertThat(((RuntimeExperiment<?>) experiment).liveCandidates()).isZero();
    }

    @Test
    void anExecutorThatRunsTheTaskOnTheSubmittingThreadNeverRunsTheCandidateOnTheEngine() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch free = new CountDownLatch(1);
        pool = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                named("heavy-"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        pool.execute(() -> {
            busy.countDown();
            awaitIgnoringInterrupts(free, 0);
        });
        busy.await(); // its one thread is taken: the next task is run by whoever submits it
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        try {
            Experiment<Integer> experiment = lab.<Integer>experiment("caller-runs")
                    .candidateExecutor(pool)
                    .build();
            assertThat(experiment.run(() -> 1, () -> {
                        ranOn.set(Thread.currentThread());
                        return 1;
                    }))
                    .isEqualTo(1);
            CandidateResult<?> candidate = published.first().candidates().get(0);
            assertThat(candidate.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(candidate.skipReason()).isEqualTo(SkipReason.REJECTED);
            assertThat(ranOn.get())
                    .as("the candidate never ran, on the engine's thread or any other")
                    .isNull();
            await().until(() -> ((RuntimeExperiment<?>) experiment).liveCandidates() == 0);
        } finally {
            free.countDown();
        }
    }
}
