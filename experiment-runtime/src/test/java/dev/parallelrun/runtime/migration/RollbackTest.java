package dev.parallelrun.runtime.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.migration.RollbackPolicy;
import dev.parallelrun.experiment.migration.Side;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.runtime.LogCapture;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * While the new side serves, a window of calls that breaks the policy rolls the migration back to SHADOW: at the
 * limit it does not, just past it it does; the rollback latches until acknowledged, whatever the flag does.
 */
class RollbackTest {

    private static Fixture live(RollbackPolicy policy, TestClock clock) {
        Fixture fixture =
                new Fixture(Stage.LIVE, b -> b.rollback(policy).clock(clock).reads(read -> read.sampleRate(0)));
        fixture.oldStore.data.put("c1", "old");
        fixture.newStore.data.put("c1", "new");
        return fixture;
    }

    /** {@code calls} reads of which the first {@code failures} fail on the new side (and fall back). */
    private static void reads(Fixture f, int calls, int failures) {
        for (int i = 0; i < calls; i++) {
            boolean fail = i < failures;
            f.migration.read(Call.keyed("c1"), () -> f.oldStore.read("c1"), () -> {
                if (fail) {
                    throw new Store.Failure(Side.NEW, "read failed");
                }
                return f.newStore.read("c1");
            });
        }
    }

    @Test
    void readErrorsAtTheLimitDoNotRollBackAndOneMoreDoes() {
        TestClock clock = new TestClock();
        try (Fixture f = live(RollbackPolicy.defaults(), clock)) {
            reads(f, 1_000, 10); // 1.0%: at the limit
            assertThat(f.migration.rollback()).isNull();
            assertThat(f.migration.stage()).isEqualTo(Stage.LIVE);
            clock.advance(Duration.ofMinutes(5));
            reads(f, 11, 11); // a new window: the 11th failure is sure to make it 1.1%
            StageChange rollback = f.migration.rollback();
            assertThat(rollback).isNotNull();
            assertThat(rollback.from()).isEqualTo(Stage.LIVE);
            assertThat(rollback.to()).isEqualTo(Stage.SHADOW);
            assertThat(rollback.at()).isEqualTo(clock.instant());
            assertThat(rollback.trip().criterion()).isEqualTo(RollbackPolicy.Criterion.READ_ERROR_RATE);
            assertThat(rollback.trip().actual()).isEqualTo(0.011);
            assertThat(rollback.trip().limit()).isEqualTo(0.01);
            assertThat(rollback.trip().calls()).isEqualTo(1_000);
            assertThat(rollback.reason()).contains("11 failed reads of the new side in a window of 1000");
            assertThat(f.migration.stage()).isEqualTo(Stage.SHADOW);
        }
    }

    @Test
    void writeFailuresAtTheLimitDoNotRollBackAndOneMoreDoes() {
        TestClock clock = new TestClock();
        try (Fixture f = live(RollbackPolicy.defaults().withMinCalls(200), clock)) {
            f.newStore.failWrites = true;
            for (int i = 0; i < 2; i++) { // 2 of 200: 1.0%
                assertThatThrownBy(() -> f.write("c1", "x")).isInstanceOf(Store.Failure.class);
            }
            f.newStore.failWrites = false;
            for (int i = 0; i < 198; i++) {
                f.write("c1", "x");
            }
            assertThat(f.migration.rollback()).isNull();
            f.newStore.failWrites = true;
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> f.write("c1", "x")).isInstanceOf(Store.Failure.class);
            }
            assertThat(f.migration.rollback())
                    .isNotNull()
                    .extracting(change -> change.trip().criterion())
                    .isEqualTo(RollbackPolicy.Criterion.WRITE_FAILURE_RATE);
            // back in SHADOW: the old side is authoritative again, the new side still written
            f.newStore.failWrites = false;
            f.oldStore.log.clear();
            assertThat(f.write("c9", "after")).isEqualTo("OLD:after");
            assertThat(f.oldStore.ops("write")).extracting(Store.Op::side).containsExactly(Side.OLD, Side.NEW);
        }
    }

    @Test
    void aNewP99OfExactlyTwiceTheOldsDoesNotRollBackAndAboveItDoes() {
        ThreadClock clock = new ThreadClock();
        try (Fixture f = new Fixture(
                Stage.LIVE,
                b -> b.clock(clock).rollback(RollbackPolicy.defaults().withMinCalls(100)))) {
            timedReads(f, clock, 100, Duration.ofMillis(20), Duration.ofMillis(10));
            Awaitility.await().until(() -> f.migration.stats().liveReads().sampled() == 100);
            assertThat(f.migration.rollback()).isNull();
            timedReads(f, clock, 100, Duration.ofMillis(21), Duration.ofMillis(10));
            Awaitility.await().until(() -> f.migration.rollback() != null);
            StageChange.Trip trip = f.migration.rollback().trip();
            assertThat(trip.criterion()).isEqualTo(RollbackPolicy.Criterion.P99_RATIO);
            assertThat(trip.actual()).isGreaterThan(2.0).isLessThan(2.2);
            assertThat(trip.detail()).contains("is 2.1").contains("over 100 compared reads");
        }
    }

    @Test
    void aP99RatioWithinTheLatencyFloorDoesNotRollBack() {
        ThreadClock clock = new ThreadClock();
        try (Fixture f = new Fixture(
                Stage.LIVE,
                b -> b.clock(clock).rollback(RollbackPolicy.defaults().withMinCalls(100)))) {
            timedReads(f, clock, 100, Duration.ofMillis(1), Duration.ofNanos(250_000)); // 4x, but 0.75 ms apart
            Awaitility.await().until(() -> f.migration.stats().liveReads().sampled() == 100);
            assertThat(f.migration.rollback()).isNull();
        }
    }

    private static void timedReads(Fixture f, ThreadClock clock, int calls, Duration newTakes, Duration oldTakes) {
        for (int i = 0; i < calls; i++) {
            f.migration.read(
                    Call.keyed("c" + i),
                    () -> {
                        clock.advance(oldTakes);
                        return "same";
                    },
                    () -> {
                        clock.advance(newTakes);
                        return "same";
                    });
        }
    }

    @Test
    void aRollbackLatchesAFlappingFlagCannotUndoItAndAcknowledgingHandsBackToTheFlag() {
        TestClock clock = new TestClock();
        try (Fixture f = live(RollbackPolicy.defaults().withMinCalls(100), clock)) {
            f.newStore.failReads = true;
            reads(f, 2, 0); // 2 of 100 allowed is 1: the second failure trips
            assertThat(f.migration.rollback()).isNotNull();
            f.newStore.failReads = false;
            for (Stage flapping : List.of(Stage.LIVE, Stage.RAMP_DOWN, Stage.COMPLETE, Stage.LIVE)) {
                f.stage(flapping);
                assertThat(f.read("c1"))
                        .as("served while the flag says " + flapping)
                        .isEqualTo("old");
                assertThat(f.migration.stage()).isEqualTo(Stage.SHADOW);
            }
            assertThat(f.migration.stats().rolledBack()).isTrue();
            clock.advance(Duration.ofMinutes(30));
            f.stage(Stage.SHADOW); // a person puts the flag back first
            assertThat(f.migration.acknowledgeRollback()).isTrue();
            assertThat(f.migration.acknowledgeRollback()).isFalse();
            assertThat(f.migration.rollback()).isNull();
            f.stage(Stage.LIVE);
            assertThat(f.read("c1")).isEqualTo("new");
            assertThat(f.migration.history())
                    .extracting(StageChange::cause)
                    .containsExactly(
                            StageChange.Cause.STARTED,
                            StageChange.Cause.ROLLBACK,
                            StageChange.Cause.ACKNOWLEDGED,
                            StageChange.Cause.SOURCE);
            assertThat(f.migration.history().get(2).at()).isEqualTo(clock.instant());
        }
    }

    @Test
    void aRollbackIsRecordedPublishedAndLoggedOnce() {
        try (LogCapture logs = new LogCapture();
                Fixture f = live(RollbackPolicy.defaults().withMinCalls(100), new TestClock())) {
            f.newStore.failReads = true;
            reads(f, 500, 0);
            var published = f.recorder.awaitStages(list -> list.stream().anyMatch(StageChange::rollback));
            assertThat(published).filteredOn(StageChange::rollback).hasSize(1);
            assertThat(logs.count("rolled back from LIVE to SHADOW")).isEqualTo(1);
        }
    }

    @Test
    void theWindowStartsAfreshEachTimeTheNewSideBeginsToServe() {
        try (Fixture f = live(RollbackPolicy.defaults().withMinCalls(100), new TestClock())) {
            reads(f, 1, 1); // 1 of 100: allowed
            f.stage(Stage.SHADOW);
            f.read("c1");
            f.stage(Stage.LIVE);
            reads(f, 1, 1); // would be the second of the same window
            assertThat(f.migration.rollback()).isNull();
        }
    }

    @Test
    void nothingRollsBackWhereTheOldSideIsNoLongerWrittenOrDoesNotServe() {
        for (Stage stage : List.of(Stage.COMPLETE, Stage.SHADOW, Stage.DUAL_WRITE)) {
            try (Fixture f =
                    new Fixture(stage, b -> b.rollback(RollbackPolicy.defaults().withMinCalls(10)))) {
                f.newStore.failReads = true;
                f.newStore.failWrites = true;
                for (int i = 0; i < 50; i++) {
                    try {
                        f.read("c1");
                        f.write("c1", "x");
                    } catch (Store.Failure expected) {
                        // COMPLETE: the new side's failures reach the caller
                    }
                }
                assertThat(f.migration.rollback()).as(stage.name()).isNull();
                assertThat(f.migration.stage()).isEqualTo(stage);
            }
        }
    }

    @Test
    void anOffPolicyNeverRollsBack() {
        try (Fixture f = live(RollbackPolicy.off(), new TestClock())) {
            f.newStore.failReads = true;
            reads(f, 2_000, 0);
            assertThat(f.migration.rollback()).isNull();
            assertThat(f.migration.stats().fallbacks()).isEqualTo(2_000);
        }
    }

    @Test
    void policyMistakesNameTheOption() {
        assertThatThrownBy(() -> RollbackPolicy.defaults().withMaxErrorRate(1.0))
                .hasMessage("maxErrorRate must be in [0, 1), was 1.0");
        assertThatThrownBy(() -> RollbackPolicy.defaults().withMaxP99Ratio(0.5))
                .hasMessage("maxP99Ratio must be a number of at least 1, was 0.5");
        assertThatThrownBy(() -> RollbackPolicy.defaults().withMinCalls(0))
                .hasMessage("minCalls must be at least 1, was 0");
        assertThatThrownBy(() -> RollbackPolicy.defaults().withLatencyFloor(Duration.ofMillis(-1)))
                .hasMessageStartingWith("latencyFloor must be zero or positive");
    }
}
