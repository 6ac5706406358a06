package dev.parallelrun.runtime.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.migration.Side;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.WriteFailure;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The authoritative write runs on the caller's thread and is what the caller gets; the other one runs after it
 * succeeded, and its failure never reaches the caller but is counted, kept with the call's key and published.
 */
class WritesTest {

    @Test
    void aFailingAuthoritativeWriteReachesTheCallerUnchangedAndTheOtherSideIsNotWritten() {
        for (Stage stage : Stage.values()) {
            try (Fixture f = new Fixture(stage)) {
                Side authoritative = stage.authoritative();
                Store.Failure failure = new Store.Failure(authoritative, "constraint violated");
                assertThatThrownBy(() -> f.migration.write(
                                Call.keyed("c1"),
                                () -> authoritative == Side.OLD ? fail(failure) : f.oldStore.write("c1", "x"),
                                () -> authoritative == Side.NEW ? fail(failure) : f.newStore.write("c1", "x")))
                        .as(stage.name())
                        .isSameAs(failure);
                assertThat(f.oldStore.ops("write")).as(stage.name()).isEmpty();
                assertThat(f.migration.stats().side(authoritative).writeErrors())
                        .isEqualTo(1);
                assertThat(f.migration.stats().writeFailures()).isZero();
            }
        }
    }

    private static String fail(Store.Failure failure) {
        throw failure;
    }

    @Test
    void aCheckedExceptionOfTheAuthoritativeWritePassesThroughAsItIs() {
        try (Fixture f = new Fixture(Stage.SHADOW)) {
            SQLException duplicate = new SQLException("duplicate key", "23505");
            try {
                f.migration.write(
                        Call.keyed("c1"),
                        () -> {
                            throw duplicate;
                        },
                        () -> "new");
            } catch (SQLException caught) {
                assertThat((Object) caught).isSameAs(duplicate);
                return;
            }
            throw new AssertionError("no exception");
        }
    }

    @Test
    void aFailingOtherWriteNeverReachesTheCallerAndIsCountedKeptAndPublishedWithItsKey() {
        try (Fixture f = new Fixture(Stage.DUAL_WRITE)) {
            f.newStore.failWrites = true;
            assertThat(f.write("c2", "Grace")).isEqualTo("OLD:Grace");
            assertThat(f.oldStore.data).containsEntry("c2", "Grace");
            assertThat(f.migration.stats().writeFailures()).isEqualTo(1);
            assertThat(f.migration.stats().newSide().writeErrors()).isEqualTo(1);
            WriteFailure kept = f.migration.writeFailures().get(0);
            assertThat(kept.migration()).isEqualTo("customers");
            assertThat(kept.key()).isEqualTo("c2");
            assertThat(kept.context()).containsEntry("op", "save");
            assertThat(kept.side()).isEqualTo(Side.NEW);
            assertThat(kept.stage()).isEqualTo(Stage.DUAL_WRITE);
            assertThat(kept.exception()).isInstanceOf(Store.Failure.class);
            assertThat(kept.describeException()).endsWith("Store$Failure: NEW write failed");
            assertThat(f.recorder.awaitWriteFailures(1)).containsExactly(kept);
        }
    }

    @Test
    void aFailingOldWriteInLiveIsKeptWithItsKeyToo() {
        try (Fixture f = new Fixture(Stage.LIVE)) {
            f.oldStore.failWrites = true;
            assertThat(f.write("c3", "Linus")).isEqualTo("NEW:Linus");
            assertThat(f.migration.writeFailures())
                    .singleElement()
                    .satisfies(failure -> assertThat(failure.side()).isEqualTo(Side.OLD))
                    .satisfies(failure -> assertThat(failure.key()).isEqualTo("c3"));
        }
    }

    @Test
    void theOtherWriteRunsAfterTheAuthoritativeOneOnTheCallersThreadSoWritesOfOneKeyNeverReorder() {
        try (Fixture f = new Fixture(Stage.SHADOW)) {
            for (int i = 0; i < 100; i++) {
                f.write("c1", "v" + i);
                // synchronous: when write returns, both sides hold it
                assertThat(f.newStore.data).containsEntry("c1", "v" + i);
            }
            List<Store.Op> writes = f.oldStore.ops("write");
            for (int i = 0; i < writes.size(); i += 2) {
                assertThat(writes.get(i).side()).isEqualTo(Side.OLD);
                assertThat(writes.get(i + 1).side()).isEqualTo(Side.NEW);
            }
            assertThat(writes).extracting(Store.Op::thread).containsOnly(Thread.currentThread());
        }
    }

    @Test
    void onAnExecutorTheOtherWriteLeavesTheCallersThreadAndItsFailuresAreStillKept() {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Fixture f = new Fixture(Stage.DUAL_WRITE, b -> b.otherWriteExecutor(executor))) {
            f.newStore.failWrites = true;
            assertThat(f.write("c4", "Barbara")).isEqualTo("OLD:Barbara");
            Awaitility.await().until(() -> f.migration.stats().writeFailures() == 1);
            assertThat(f.migration.writeFailures())
                    .extracting(WriteFailure::key)
                    .containsExactly("c4");
            assertThat(f.newStore.ops("write"))
                    .filteredOn(op -> op.side() == Side.NEW)
                    .extracting(Store.Op::thread)
                    .doesNotContain(Thread.currentThread());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aRejectedOtherWriteIsAFailedWrite() {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        executor.shutdown();
        try (Fixture f = new Fixture(Stage.LIVE, b -> b.otherWriteExecutor(executor))) {
            assertThat(f.write("c5", "Ken")).isEqualTo("NEW:Ken");
            assertThat(f.migration.writeFailures())
                    .singleElement()
                    .satisfies(
                            failure -> assertThat(failure.exception()).isInstanceOf(RejectedExecutionException.class))
                    .satisfies(failure -> assertThat(failure.key()).isEqualTo("c5"));
        }
    }

    @Test
    void everyFailureIsCountedAndTheLatestThousandAreKept() {
        try (Fixture f = new Fixture(Stage.SHADOW)) {
            f.newStore.failWrites = true;
            for (int i = 0; i < 1_005; i++) {
                f.write("k" + i, "v");
            }
            assertThat(f.migration.stats().writeFailures()).isEqualTo(1_005);
            List<WriteFailure> kept = f.migration.writeFailures();
            assertThat(kept).hasSize(1_000);
            assertThat(kept.get(0).key()).isEqualTo("k5");
            assertThat(kept.get(999).key()).isEqualTo("k1004");
        }
    }

    @Test
    void boundPairsReadAndWriteKeyedByTheirArgument() {
        try (Fixture f = new Fixture(Stage.DUAL_WRITE)) {
            f.newStore.failWrites = true;
            Function<String, @Nullable String> find = f.migration.reader(f.oldStore::read, f.newStore::read);
            Function<String[], String> save = f.migration.writer(
                    pair -> pair[0],
                    pair -> f.oldStore.write(pair[0], pair[1]),
                    pair -> f.newStore.write(pair[0], pair[1]));
            assertThat(save.apply(new String[] {"c6", "Edsger"})).isEqualTo("OLD:Edsger");
            assertThat(find.apply("c6")).isEqualTo("Edsger");
            assertThat(f.migration.writeFailures())
                    .extracting(WriteFailure::key)
                    .containsExactly("c6");
        }
    }
}
