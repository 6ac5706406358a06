package dev.parallelrun.runtime.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.RollbackPolicy;
import dev.parallelrun.experiment.migration.Side;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.experiment.migration.WriteFailure;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * 100,000 calls from four threads, in every stage, against two stores that fail at random (reads, writes, and writes
 * that fail after they were applied). Whatever fails: no acknowledged write is missing from its authoritative side; the
 * other side holds it or a published failure names its key; a caller only ever sees the serving side's exception.
 */
class MigrationChaosTest {

    private static final int CALLS = 100_000;
    private static final int THREADS = 4;
    private static final int KEYS = 500;
    private static final double FAULT_RATE = 0.05;

    /** A store that fails at random; every value it accepted, and every value it failed to write, is remembered. */
    static final class ChaosStore {
        final Side side;
        final Map<String, String> data = new ConcurrentHashMap<>();
        final Set<String> applied = ConcurrentHashMap.newKeySet();
        final Set<String> failedWrites = ConcurrentHashMap.newKeySet();

        ChaosStore(Side side) {
            this.side = side;
        }

        @Nullable
        String read(String key) {
            if (ThreadLocalRandom.current().nextDouble() < FAULT_RATE) {
                throw new SideFault(side, "read", key);
            }
            return data.get(key);
        }

        String write(String key, String value) {
            double draw = ThreadLocalRandom.current().nextDouble();
            if (draw < FAULT_RATE / 2) {
                failedWrites.add(value);
                throw new SideFault(side, "write", key);
            }
            data.put(key, value);
            applied.add(value);
            if (draw < FAULT_RATE) { // applied, then the acknowledgement is lost: the caller sees a failure
                failedWrites.add(value);
                throw new SideFault(side, "write", key);
            }
            return value;
        }
    }

    /** What a chaos store throws. */
    static final class SideFault extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Side side;
        final String operation;

        SideFault(Side side, String operation, String key) {
            super(side + " " + operation + " of " + key + " failed", null, true, false);
            this.side = side;
            this.operation = operation;
        }
    }

    /** An acknowledged write: the caller got a value back. */
    record Acknowledged(String value, Stage stage) {}

    @Test
    void nothingAcknowledgedIsLostAndCallersSeeOnlyTheServingSidesExceptionInEveryStage() throws Exception {
        ChaosStore oldStore = new ChaosStore(Side.OLD);
        ChaosStore newStore = new ChaosStore(Side.NEW);
        MigrationRecorder recorder = new MigrationRecorder();
        AtomicReference<Stage> flag = new AtomicReference<>(Stage.OFF);
        List<Acknowledged> acknowledged = new CopyOnWriteArrayList<>();
        List<String> violations = new CopyOnWriteArrayList<>();
        Set<String> expectedOtherFailures = new HashSet<>();
        long callerWriteFailures = 0;
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(recorder)
                .queueCapacity(1_000_000)
                .build()) {
            Migration<@Nullable String> migration = lab.<@Nullable String>migration("chaos")
                    .stage(flag::get)
                    .rollback(RollbackPolicy.off()) // the stage is the phase's: the oracle below depends on it
                    .reads(read -> read.sampleRate(0.1))
                    .build();
            int perStage = CALLS / Stage.values().length + 1;
            int done = 0;
            for (Stage stage : Stage.values()) {
                int calls = Math.min(perStage, CALLS - done);
                done += calls;
                flag.set(stage);
                Side other = stage.otherWrite();
                Set<String> otherFailedBefore =
                        other == null ? Set.of() : Set.copyOf(store(other, oldStore, newStore).failedWrites);
                Set<String> authoritativeFailedBefore =
                        Set.copyOf(store(stage.authoritative(), oldStore, newStore).failedWrites);
                long[] writeErrors = new long[THREADS];
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    int share = calls / THREADS + (t < calls % THREADS ? 1 : 0);
                    threads.add(Thread.ofPlatform().name("caller-" + t).start(() -> {
                        SplittableRandom random = new SplittableRandom(stage.ordinal() * 31L + thread);
                        for (int i = 0; i < share; i++) {
                            String key = "k" + random.nextInt(KEYS);
                            if (random.nextBoolean()) {
                                read(migration, stage, key, oldStore, newStore, violations);
                            } else {
                                String value = stage + "-" + thread + "-" + i;
                                if (!write(
                                        migration, stage, key, value, oldStore, newStore, violations, acknowledged)) {
                                    writeErrors[thread]++;
                                }
                            }
                        }
                    }));
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                if (other != null) {
                    Set<String> now = new HashSet<>(store(other, oldStore, newStore).failedWrites);
                    now.removeAll(otherFailedBefore);
                    expectedOtherFailures.addAll(now);
                }
                Set<String> authoritativeFailed =
                        new HashSet<>(store(stage.authoritative(), oldStore, newStore).failedWrites);
                authoritativeFailed.removeAll(authoritativeFailedBefore);
                long seen = 0;
                for (long n : writeErrors) {
                    seen += n;
                }
                assertThat(seen).as("write failures callers saw in " + stage).isEqualTo(authoritativeFailed.size());
                callerWriteFailures += seen;
            }
            assertThat(violations).isEmpty();

            // no acknowledged write is lost: the authoritative side has it; the other side has it, or a published
            // failure names its key (and value, in the call's context)
            List<WriteFailure> published = recorder.awaitWriteFailures(expectedOtherFailures.size());
            Set<String> publishedValues = new HashSet<>();
            for (WriteFailure failure : published) {
                publishedValues.add(failure.context().get("value"));
                assertThat(failure.key()).isNotNull();
                assertThat(failure.side()).isEqualTo(failure.stage().otherWrite());
            }
            List<Acknowledged> lost = new ArrayList<>();
            for (Acknowledged write : acknowledged) {
                Stage stage = write.stage();
                Side other = stage.otherWrite();
                boolean authoritative =
                        store(stage.authoritative(), oldStore, newStore).applied.contains(write.value());
                boolean otherOrRepairable = other == null
                        || store(other, oldStore, newStore).applied.contains(write.value())
                        || publishedValues.contains(write.value());
                if (!authoritative || !otherOrRepairable) {
                    lost.add(write);
                }
            }
            assertThat(lost).isEmpty();
            assertThat(acknowledged).hasSizeGreaterThan(CALLS / 3);
            // every failed other write is counted and published with its key, and nothing else is
            assertThat(publishedValues).isEqualTo(expectedOtherFailures);
            assertThat(published).hasSize(expectedOtherFailures.size());
            var stats = migration.stats();
            assertThat(stats.writeFailures()).isEqualTo(expectedOtherFailures.size());
            assertThat(migration.writeFailures()).hasSize(Math.min(1_000, expectedOtherFailures.size()));
            assertThat(stats.reads() + stats.writes()).isEqualTo(CALLS);
            assertThat(stats.oldSide().writeErrors() + stats.newSide().writeErrors())
                    .isEqualTo(callerWriteFailures + expectedOtherFailures.size());
            assertThat(expectedOtherFailures).hasSizeGreaterThan(500); // the faults did happen
            assertThat(stats.fallbacks()).isPositive();
        }
    }

    private static ChaosStore store(Side side, ChaosStore oldStore, ChaosStore newStore) {
        return side == Side.OLD ? oldStore : newStore;
    }

    private static void read(
            Migration<@Nullable String> migration,
            Stage stage,
            String key,
            ChaosStore oldStore,
            ChaosStore newStore,
            List<String> violations) {
        try {
            migration.read(Call.keyed(key), () -> oldStore.read(key), () -> newStore.read(key));
        } catch (Throwable thrown) {
            String problem = readFailureProblem(stage, thrown);
            if (problem != null) {
                violations.add(stage + " read: " + problem + ": " + thrown);
            }
        }
    }

    /** Why {@code thrown} is not what a reader in {@code stage} may see, or {@code null} when it is. */
    private static @Nullable String readFailureProblem(Stage stage, Throwable thrown) {
        if (!(thrown instanceof SideFault fault) || !fault.operation.equals("read")) {
            return "not a store's read failure";
        }
        if (fault.side != stage.serves()) {
            return "not the serving side's";
        }
        Throwable[] suppressed = thrown.getSuppressed();
        if (stage.fallsBack()) {
            boolean oldAttached =
                    suppressed.length == 1 && suppressed[0] instanceof SideFault old && old.side == Side.OLD;
            return oldAttached ? null : "the new side's failure without the old side's fallback failure";
        }
        return suppressed.length == 0 ? null : "something attached";
    }

    private static boolean write(
            Migration<@Nullable String> migration,
            Stage stage,
            String key,
            String value,
            ChaosStore oldStore,
            ChaosStore newStore,
            List<String> violations,
            List<Acknowledged> acknowledged) {
        try {
            String returned = migration.write(
                    Call.keyed(key).with("value", value),
                    () -> oldStore.write(key, value),
                    () -> newStore.write(key, value));
            if (!value.equals(returned)) {
                violations.add(stage + " write returned " + returned);
            }
            acknowledged.add(new Acknowledged(value, stage));
            return true;
        } catch (Throwable thrown) {
            if (!(thrown instanceof SideFault fault)
                    || fault.side != stage.authoritative()
                    || !fault.operation.equals("write")
                    || thrown.getSuppressed().length > 0) {
                violations.add(stage + " write: not the authoritative side's failure: " + thrown);
            }
            return false;
        }
    }

    @Test
    void aFlappingFlagAndRollbacksUnderLoadLeakNothingButTheSidesOwnFailures() throws Exception {
        ChaosStore oldStore = new ChaosStore(Side.OLD);
        ChaosStore newStore = new ChaosStore(Side.NEW);
        MigrationRecorder recorder = new MigrationRecorder();
        List<String> violations = new CopyOnWriteArrayList<>();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(recorder)
                .queueCapacity(1_000_000)
                .build()) {
            // the flag flaps through every stage, each held for a few hundred calls so that the new side serves long
            // enough for its errors to trip the rollback
            java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
            Migration<@Nullable String> migration = lab.<@Nullable String>migration("flapping")
                    .stage(() -> Stage.values()[(int) (reads.getAndIncrement() / 700 % Stage.values().length)])
                    .rollback(RollbackPolicy.defaults().withMinCalls(100))
                    .reads(read -> read.sampleRate(0.1))
                    .build();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    Random random = new Random(thread);
                    for (int i = 0; i < 5_000; i++) {
                        String key = "k" + random.nextInt(KEYS);
                        try {
                            if (random.nextBoolean()) {
                                migration.read(Call.keyed(key), () -> oldStore.read(key), () -> newStore.read(key));
                            } else {
                                String value = thread + "-" + i;
                                migration.write(
                                        Call.keyed(key).with("value", value),
                                        () -> oldStore.write(key, value),
                                        () -> newStore.write(key, value));
                            }
                        } catch (SideFault expected) {
                            // a side's own failure
                        } catch (Throwable other) {
                            violations.add(other.toString());
                        }
                        if (i % 500 == 0) {
                            migration.acknowledgeRollback();
                        }
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(violations).isEmpty();
            long failures = migration.stats().writeFailures();
            assertThat(recorder.awaitWriteFailures((int) failures)).hasSize((int) failures);
            assertThat(migration.history())
                    .hasSize((int) Math.min(StageTracker.KEPT, migration.stats().stageChanges()));
            assertThat(recorder.awaitStages(
                            list -> list.size() == migration.stats().stageChanges()))
                    .filteredOn(StageChange::rollback)
                    .isNotEmpty();
        }
    }
}
