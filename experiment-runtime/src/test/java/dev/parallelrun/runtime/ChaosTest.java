package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.Publisher;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * 100,000 runs with faults injected at random in every callback: no exception but the control's own ever
 * reaches the caller, and every injected fault is counted where it happened.
 */
class ChaosTest {

    private static final int RUNS = 100_000;
    private static final long SEED = 20261125L;

    /** Injects faults with a fixed probability and counts what it injected per callback. */
    private static final class Faults {
        private final Map<FaultSource, AtomicLong> injected = new EnumMap<>(FaultSource.class);

        Faults() {
            for (FaultSource callback : FaultSource.values()) {
                injected.put(callback, new AtomicLong());
            }
        }

        void maybeFail(FaultSource callback, double probability) {
            if (java.util.concurrent.ThreadLocalRandom.current().nextDouble() < probability) {
                injected.get(callback).incrementAndGet();
                throw new ChaosFault(callback);
            }
        }

        long count(FaultSource callback) {
            return injected.get(callback).get();
        }
    }

    private static final class ChaosFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ChaosFault(FaultSource callback) {
            super("injected fault in " + callback, null, false, false);
        }
    }

    @Test
    void noFaultButTheControlsOwnReachesTheCallerAndEveryFaultIsCounted() {
        Faults faults = new Faults();
        Publisher flaky = result -> faults.maybeFail(FaultSource.PUBLISHER, 0.05);
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().publisher(flaky).queueCapacity(RUNS * 2).build()) {
            Experiment<Integer> experiment = lab.<Integer>experiment("chaos")
                    .sampler((name, call) -> {
                        faults.maybeFail(FaultSource.SAMPLER, 0.05);
                        return true;
                    })
                    .beforeRun(() -> faults.maybeFail(FaultSource.BEFORE_RUN, 0.05))
                    .context(() -> {
                        faults.maybeFail(FaultSource.CONTEXT, 0.05);
                        return Map.of("chaos", "yes");
                    })
                    .comparator((a, b) -> {
                        faults.maybeFail(FaultSource.COMPARATOR, 0.05);
                        return a.equals(b);
                    })
                    .errorComparator((a, b) -> {
                        faults.maybeFail(FaultSource.ERROR_COMPARATOR, 0.05);
                        return a.getClass() == b.getClass();
                    })
                    .ignore((control, candidate) -> {
                        faults.maybeFail(FaultSource.IGNORE, 0.05);
                        return false;
                    })
                    .cleaner(value -> {
                        faults.maybeFail(FaultSource.CLEANER, 0.05);
                        return value;
                    })
                    .maxConcurrentCandidates(1_000)
                    .candidateTimeout(Duration.ofSeconds(10))
                    .build();
            SplittableRandom random = new SplittableRandom(SEED);
            long controlFailures = 0;
            for (int i = 0; i < RUNS; i++) {
                int n = i;
                while (lab.callsInFlight() > 200) {
                    // faults are under test here, not overload: keep the candidates compared rather than skipped
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000);
                }
                boolean controlThrows = random.nextInt(20) == 0;
                int candidateBehaviour = random.nextInt(10);
                try {
                    int value = experiment.run(Call.keyed(i), () -> {
                        if (controlThrows) {
                            throw new ControlFailure(n);
                        }
                        return n;
                    }, () -> switch (candidateBehaviour) {
                        case 0 -> throw new IllegalStateException("candidate " + n);
                        case 1 -> throw new ControlFailure(n);
                        case 2 -> n + 1;
                        case 3 -> throw new OutOfMemoryError("pretend");
                        default -> n;
                    });
                    assertThat(value).isEqualTo(n);
                    assertThat(controlThrows).isFalse();
                } catch (ControlFailure e) {
                    assertThat(controlThrows).isTrue();
                    assertThat(e.n).isEqualTo(n);
                    controlFailures++;
                }
            }
            long sampled = RUNS - faults.count(FaultSource.SAMPLER);
            await().atMost(Duration.ofMinutes(2)).until(() ->
                    lab.publishingStats().published() + lab.publishingStats().dropped() == sampled);
            ExperimentStats stats = experiment.stats();
            for (FaultSource callback : new FaultSource[] {FaultSource.SAMPLER, FaultSource.BEFORE_RUN, FaultSource.CONTEXT,
                    FaultSource.COMPARATOR, FaultSource.ERROR_COMPARATOR, FaultSource.IGNORE, FaultSource.CLEANER, FaultSource.PUBLISHER}) {
                assertThat(stats.faults(callback)).as(callback.name()).isEqualTo(faults.count(callback));
                assertThat(faults.count(callback)).as("faults injected in " + callback).isPositive();
            }
            assertThat(stats.sampled()).isEqualTo(sampled);
            assertThat(controlFailures).isPositive();
            assertThat(lab.publishingStats().dropped()).isZero();
        }
    }

    private static final class ControlFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int n;

        ControlFailure(int n) {
            super("control " + n, null, false, false);
            this.n = n;
        }
    }
}
