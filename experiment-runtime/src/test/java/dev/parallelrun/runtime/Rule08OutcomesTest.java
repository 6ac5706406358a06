package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Run;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Rule 8 of CONTRACT.md: each candidate of a result has one of six outcomes; durations are wall-clock times
 * measured on the thread that ran the behavior.
 */
class Rule08OutcomesTest {

    @Test
    void everyOutcomeCanBeReached() throws Exception {
        RecordingPublisher published = new RecordingPublisher();
        Set<Outcome> seen = EnumSet.noneOf(Outcome.class);
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<String> plain = lab.<String>experiment("plain").build();
            plain.run(() -> "a", () -> "a");
            plain.run(() -> "a", () -> "b");
            lab.<String>experiment("ignored").ignore((a, b) -> true).build().run(() -> "a", () -> "b");
            lab.<String>experiment("timed-out")
                    .candidateTimeout(Duration.ofMillis(10))
                    .build()
                    .run(() -> "a", () -> {
                        new CountDownLatch(1).await();
                        return "never";
                    });
            lab.<String>experiment("skipped")
                    .beforeRun(() -> {
                        throw new IllegalStateException("setup failed");
                    })
                    .build()
                    .run(() -> "a", () -> "a");
            lab.<String>experiment("failed")
                    .comparator((a, b) -> {
                        throw new IllegalStateException();
                    })
                    .build()
                    .run(() -> "a", () -> "a");
            for (Result<?> result : published.await(6)) {
                seen.add(result.candidates().get(0).outcome());
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(Outcome.values());
    }

    @Test
    void durationsAreWallClockOnTheThreadThatRanTheBehavior() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<String> experiment = lab.<String>experiment("durations").build();
            experiment.run(
                    () -> {
                        parkFor(Duration.ofMillis(30));
                        return "a";
                    },
                    () -> {
                        parkFor(Duration.ofMillis(60));
                        return "a";
                    });
            Result<String> result = published.first();
            // parking is not CPU time: only a wall clock sees it
            assertThat(result.control().duration()).isGreaterThanOrEqualTo(Duration.ofMillis(29));
            assertThat(result.candidates().get(0).run().duration()).isGreaterThanOrEqualTo(Duration.ofMillis(59));
        }
    }

    @Test
    void aCandidatesDurationRunsFromItsBehaviorsOwnStartAndTheWaitBeforeItIsItsStartDelay() {
        AtomicLong setupStarted = new AtomicLong();
        AtomicLong setupEnded = new AtomicLong();
        AtomicLong publishedAt = new AtomicLong();
        Publisher clock = result -> publishedAt.compareAndSet(0, System.nanoTime());
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(clock)
                .publisher(published)
                .build()) {
            Experiment<String> experiment = lab.<String>experiment("latency")
                    .candidateTimeout(Duration.ofSeconds(30))
                    .beforeRun(() -> {
                        setupStarted.set(System.nanoTime());
                        parkFor(Duration.ofMillis(300)); // the candidate waits this long to start
                        setupEnded.set(System.nanoTime());
                    })
                    .build();
            experiment.run(() -> "a", () -> {
                parkFor(Duration.ofMillis(20));
                return "a";
            });
            Result<String> result = published.first();
            Run<String> candidate = result.candidates().get(0).run();
            Duration setup = Duration.ofNanos(setupEnded.get() - setupStarted.get());
            // sampled before beforeRun started, and the behavior started after it ended
            assertThat(candidate.startDelay()).isGreaterThanOrEqualTo(setup);
            // the behavior started after beforeRun ended and ended before the result was published
            Duration bound = Duration.ofNanos(publishedAt.get() - setupEnded.get());
            assertThat(candidate.duration())
                    .isGreaterThanOrEqualTo(Duration.ofMillis(20))
                    .isLessThanOrEqualTo(bound);
            assertThat(result.control().startDelay()).isZero();

            // the stats keep the two apart (HdrHistogram rounds up by at most 0.1%)
            var stats = experiment.stats();
            assertThat(stats.schedulingDelay().count()).isEqualTo(1);
            assertThat(stats.schedulingDelay().max()).isGreaterThanOrEqualTo(setup);
            assertThat(stats.candidateLatency().count()).isEqualTo(1);
            assertThat(stats.candidateLatency().max()).isLessThanOrEqualTo(bound.plus(bound.dividedBy(500)));
        }
    }

    /** Parks (no CPU used) for at least {@code duration}, whatever spurious wake-ups happen. */
    private static void parkFor(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
