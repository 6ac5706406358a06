package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentBuilder;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Publisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * 100,000 runs (and 12,000 asynchronous ones) with faults injected at random in every callback: no exception but
 * the control's own ever reaches the caller, every sampled call gives one result, and every injected fault is
 * counted where it happened.
 */
class ChaosTest {

    private static final int RUNS = 100_000;
    private static final int ASYNC_RUNS = 12_000;
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

    /**
     * The callbacks both tests break: the sampler, comparator and error comparator fail now and then. Candidates are
     * not capped and get time enough: faults are under test here, not overload.
     */
    private static ExperimentBuilder<Integer> flaky(ExperimentBuilder<Integer> builder, Faults faults) {
        return builder.sampler((name, call) -> {
                    faults.maybeFail(FaultSource.SAMPLER, 0.05);
                    return true;
                })
                .comparator((a, b) -> {
                    faults.maybeFail(FaultSource.COMPARATOR, 0.05);
                    return a.equals(b);
                })
                .errorComparator((a, b) -> {
                    faults.maybeFail(FaultSource.ERROR_COMPARATOR, 0.05);
                    return a.getClass() == b.getClass();
                })
                .maxConcurrentCandidates(1_000)
                .candidateTimeout(Duration.ofSeconds(10));
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
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(flaky)
                .queueCapacity(RUNS * 2)
                .build()) {
            Experiment<Integer> experiment = flaky(lab.<Integer>experiment("chaos"), faults)
                    .beforeRun(() -> faults.maybeFail(FaultSource.BEFORE_RUN, 0.05))
                    .context(() -> {
                        faults.maybeFail(FaultSource.CONTEXT, 0.05);
                        return Map.of("chaos", "yes");
                    })
                    .ignore((control, candidate) -> {
                        faults.maybeFail(FaultSource.IGNORE, 0.05);
                        return false;
                    })
                    .cleaner(value -> {
                        faults.maybeFail(FaultSource.CLEANER, 0.05);
                        return value;
                    })
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
                    int value = experiment.run(
                            Call.keyed(i),
                            () -> {
                                if (controlThrows) {
                                    throw new ControlFailure(n);
                                }
                                return n;
                            },
                            () -> switch (candidateBehaviour) {
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
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> lab.publishingStats().published()
                                    + lab.publishingStats().dropped()
                            == sampled);
            ExperimentStats stats = experiment.stats();
            for (FaultSource callback : new FaultSource[] {
                FaultSource.SAMPLER,
                FaultSource.BEFORE_RUN,
                FaultSource.CONTEXT,
                FaultSource.COMPARATOR,
                FaultSource.ERROR_COMPARATOR,
                FaultSource.IGNORE,
                FaultSource.CLEANER,
                FaultSource.PUBLISHER
            }) {
                assertThat(stats.faults(callback)).as(callback.name()).isEqualTo(faults.count(callback));
                assertThat(faults.count(callback))
                        .as("faults injected in " + callback)
                        .isPositive();
            }
            assertThat(stats.sampled()).isEqualTo(sampled);
            assertThat(controlFailures).isPositive();
            assertThat(lab.publishingStats().dropped()).isZero();
        }
    }

    @Test
    void asyncCallsAlwaysGiveTheCallerTheControlsOwnOutcomeAndEverySampledCallOneResult() {
        Faults faults = new Faults();
        Publisher flaky = result -> faults.maybeFail(FaultSource.PUBLISHER, 0.05);
        ExecutorService completer = Executors.newFixedThreadPool(3);
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(flaky)
                .queueCapacity(ASYNC_RUNS * 2)
                .build()) {
            Experiment<Integer> experiment =
                    flaky(lab.<Integer>experiment("async-chaos"), faults).build();
            SplittableRandom random = new SplittableRandom(SEED + 1);
            List<CompletionStage<Integer>> returned = new ArrayList<>(Collections.nCopies(ASYNC_RUNS, null));
            ControlFailure[] failures = new ControlFailure[ASYNC_RUNS];
            int[] controlModes = new int[ASYNC_RUNS];
            long supplierFailures = 0;
            for (int i = 0; i < ASYNC_RUNS; i++) {
                int n = i;
                while (lab.callsInFlight() > 200) {
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000);
                }
                int controlMode = random.nextInt(20); // 0: the supplier throws; 1: the stage fails; else a value
                int candidateMode = random.nextInt(10);
                controlModes[n] = controlMode;
                failures[n] = new ControlFailure(n);
                AtomicReference<CompletableFuture<Integer>> control = new AtomicReference<>();
                try {
                    CompletionStage<Integer> got = experiment.runAsync(
                            Call.keyed(n),
                            () -> {
                                if (controlMode == 0) {
                                    throw failures[n];
                                }
                                CompletableFuture<Integer> stage = new CompletableFuture<>();
                                control.set(stage);
                                completer.execute(() -> {
                                    if (controlMode == 1) {
                                        stage.completeExceptionally(failures[n]);
                                    } else {
                                        stage.complete(n);
                                    }
                                });
                                return stage;
                            },
                            () -> switch (candidateMode) {
                                case 0 -> throw new IllegalStateException("candidate " + n);
                                case 1 ->
                                    CompletableFuture.supplyAsync(
                                            () -> {
                                                throw new ControlFailure(n);
                                            },
                                            completer);
                                case 2 -> null;
                                case 3 -> CompletableFuture.supplyAsync(() -> n + 1, completer);
                                case 4 -> CompletableFuture.completedFuture(n);
                                default -> CompletableFuture.supplyAsync(() -> n, completer);
                            });
                    assertThat(controlMode).isNotZero();
                    assertThat(got).isSameAs(control.get());
                    returned.set(n, got);
                } catch (ControlFailure e) {
                    assertThat(e).isSameAs(failures[n]);
                    supplierFailures++;
                }
            }
            for (int n = 0; n < ASYNC_RUNS; n++) {
                if (controlModes[n] == 0) {
                    continue;
                }
                Object outcome = returned.get(n)
                        .toCompletableFuture()
                        .handle((value, thrown) -> thrown != null ? thrown : value)
                        .join();
                if (controlModes[n] == 1) {
                    assertThat(outcome).as("call %d", n).isSameAs(failures[n]);
                } else {
                    assertThat(outcome).as("call %d", n).isEqualTo(n);
                }
            }
            long sampled = ASYNC_RUNS - faults.count(FaultSource.SAMPLER);
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> lab.publishingStats().published()
                                    + lab.publishingStats().dropped()
                            == sampled);
            ExperimentStats stats = experiment.stats();
            assertThat(stats.sampled()).isEqualTo(sampled);
            assertThat(stats.candidates())
                    .singleElement()
                    .extracting(CandidateStats::total)
                    .isEqualTo(sampled);
            for (FaultSource callback : new FaultSource[] {
                FaultSource.SAMPLER, FaultSource.COMPARATOR, FaultSource.ERROR_COMPARATOR, FaultSource.PUBLISHER
            }) {
                assertThat(stats.faults(callback)).as(callback.name()).isEqualTo(faults.count(callback));
                assertThat(faults.count(callback))
                        .as("faults injected in " + callback)
                        .isPositive();
            }
            assertThat(stats.faults(FaultSource.ENGINE)).isZero();
            assertThat(supplierFailures).isPositive();
            assertThat(lab.publishingStats().dropped()).isZero();
        } finally {
            completer.shutdownNow();
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
