package dev.parallelrun.runtime.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.MigrationBuilder;
import dev.parallelrun.experiment.migration.ReadTimeoutException;
import dev.parallelrun.experiment.migration.RollbackPolicy;
import dev.parallelrun.experiment.migration.Side;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * In LIVE and RAMP_DOWN a failed new read is answered by the old side; only when both fail does the caller get an
 * exception, the new side's, with the old side's attached. No fallback in COMPLETE, none when turned off.
 */
class FallbackTest {

    private static Fixture seeded(Stage stage, UnaryOperator<MigrationBuilder<@Nullable String>> options) {
        Fixture fixture = new Fixture(stage, options);
        fixture.oldStore.data.put("c1", "old");
        fixture.newStore.data.put("c1", "new");
        return fixture;
    }

    @Test
    void aFailedNewReadInLiveIsAnsweredByTheOldSideAndCountsAgainstTheNewSide() {
        try (Fixture f = seeded(Stage.LIVE, b -> b)) {
            f.newStore.failReads = true;
            assertThat(f.read("c1")).isEqualTo("old");
            var stats = f.migration.stats();
            assertThat(stats.fallbacks()).isEqualTo(1);
            assertThat(stats.newSide().readErrors()).isEqualTo(1);
            assertThat(stats.oldSide().reads()).isEqualTo(1);
            // the failure is published: LIVE's comparison shows the new side (control) threw
            Result<?> result = f.recorder.awaitResults(1).get(0);
            assertThat(result.experiment()).isEqualTo("customers:live");
            assertThat(result.control().exception()).isInstanceOf(Store.Failure.class);
            assertThat(result.candidates().get(0).run().value()).isEqualTo("old");
        }
    }

    @Test
    void aFailedNewReadInRampDownIsAnsweredByTheOldSide() {
        try (Fixture f = seeded(Stage.RAMP_DOWN, b -> b)) {
            f.newStore.failReads = true;
            assertThat(f.read("c1")).isEqualTo("old");
            assertThat(f.migration.stats().fallbacks()).isEqualTo(1);
        }
    }

    @Test
    void whenBothFailTheCallerGetsTheNewSidesExceptionWithTheOldOnesAttached() {
        for (Stage stage : new Stage[] {Stage.LIVE, Stage.RAMP_DOWN}) {
            try (Fixture f = seeded(stage, b -> b)) {
                Store.Failure newFailure = new Store.Failure(Side.NEW, "down");
                Store.Failure oldFailure = new Store.Failure(Side.OLD, "down too");
                Throwable thrown = catchThrowable(() -> f.migration.read(
                        Call.keyed("c1"),
                        () -> {
                            throw oldFailure;
                        },
                        () -> {
                            throw newFailure;
                        }));
                assertThat(thrown).as(stage.name()).isSameAs(newFailure);
                assertThat(thrown.getSuppressed()).containsExactly(oldFailure);
                assertThat(f.migration.stats().fallbacks()).isZero();
            }
        }
    }

    @Test
    void checkedExceptionsPassThroughAsTheyAre() {
        try (Fixture f = seeded(Stage.LIVE, b -> b)) {
            IOException newFailure = new IOException("socket closed");
            try {
                f.migration.read(
                        Call.keyed("c1"),
                        () -> {
                            throw new IOException("disk");
                        },
                        () -> {
                            throw newFailure;
                        });
            } catch (IOException caught) {
                assertThat(caught).isSameAs(newFailure);
                assertThat(caught.getSuppressed()).hasSize(1);
                return;
            }
            throw new AssertionError("no exception");
        }
    }

    @Test
    void aNewReadPastTheReadTimeoutIsAnsweredByTheOldSideAndInterrupted() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        try (Fixture f = seeded(Stage.LIVE, b -> b.readTimeout(Duration.ofMillis(50)))) {
            String value = f.migration.read(Call.keyed("c1"), () -> f.oldStore.read("c1"), () -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
                return "late";
            });
            assertThat(value).isEqualTo("old");
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilTrue(interrupted);
            assertThat(f.migration.stats().newSide().readErrors()).isEqualTo(1);
            assertThat(f.migration.stats().fallbacks()).isEqualTo(1);
        }
    }

    @Test
    void aTimedOutNewReadWhoseFallbackFailsThrowsTheTimeoutWithTheOldFailureAttached() {
        try (Fixture f = seeded(Stage.RAMP_DOWN, b -> b.readTimeout(Duration.ofMillis(20)))) {
            f.oldStore.failReads = true;
            Throwable thrown =
                    catchThrowable(() -> f.migration.read(Call.keyed("c1"), () -> f.oldStore.read("c1"), () -> {
                        TimeUnit.SECONDS.sleep(10);
                        return "late";
                    }));
            assertThat(thrown).isInstanceOf(ReadTimeoutException.class).hasMessageContaining("customers");
            assertThat(((ReadTimeoutException) thrown).timeout()).isEqualTo(Duration.ofMillis(20));
            assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(Store.Failure.class);
        }
    }

    @Test
    void aNewReadWithinTheReadTimeoutServesAndItsOwnExceptionReachesTheFallback() {
        try (Fixture f = seeded(Stage.LIVE, b -> b.readTimeout(Duration.ofSeconds(5)))) {
            assertThat(f.read("c1")).isEqualTo("new");
            f.newStore.failReads = true;
            f.oldStore.failReads = true;
            Throwable thrown = catchThrowable(() -> f.read("c1"));
            assertThat(thrown).isInstanceOf(Store.Failure.class).hasMessage("NEW read failed");
            assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage).containsExactly("OLD read failed");
        }
    }

    @Test
    void aCallerInterruptedWhileWaitingGetsNoFallbackAndKeepsItsInterrupt() {
        CountDownLatch never = new CountDownLatch(1);
        try (Fixture f = seeded(Stage.LIVE, b -> b.readTimeout(Duration.ofSeconds(5)))) {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> f.migration.read(Call.keyed("c1"), () -> f.oldStore.read("c1"), () -> {
                            never.await();
                            return "late";
                        }))
                        .isInstanceOf(CancellationException.class);
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(f.oldStore.ops("read"))
                    .filteredOn(op -> op.thread() == Thread.currentThread())
                    .isEmpty();
            assertThat(f.migration.stats().newSide().readErrors()).isZero();
            assertThat(f.migration.stats().fallbacks()).isZero();
        }
    }

    @Test
    void withTheFallbackOffTheCallerGetsTheNewSidesException() {
        try (Fixture f = seeded(Stage.LIVE, b -> b.fallback(false))) {
            f.newStore.failReads = true;
            assertThatThrownBy(() -> f.read("c1"))
                    .isInstanceOf(Store.Failure.class)
                    .hasMessage("NEW read failed");
            assertThat(f.migration.stats().fallbacks()).isZero();
            assertThat(f.oldStore.ops("read"))
                    .filteredOn(op -> op.thread() == Thread.currentThread())
                    .extracting(Store.Op::side)
                    .containsOnly(Side.NEW);
        }
    }

    @Test
    void completeHasNoFallback() {
        try (Fixture f = seeded(Stage.COMPLETE, b -> b)) {
            f.newStore.failReads = true;
            assertThatThrownBy(() -> f.read("c1"))
                    .isInstanceOf(Store.Failure.class)
                    .hasMessage("NEW read failed")
                    .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());
            assertThat(f.oldStore.ops("read")).extracting(Store.Op::side).containsOnly(Side.NEW);
        }
    }

    @Test
    void theOldSidesFailureInShadowReachesTheCallerUnchanged() {
        try (Fixture f = seeded(Stage.SHADOW, b -> b)) {
            Store.Failure oldFailure = new Store.Failure(Side.OLD, "down");
            assertThatThrownBy(() -> f.migration.read(
                            Call.keyed("c1"),
                            () -> {
                                throw oldFailure;
                            },
                            () -> "new"))
                    .isSameAs(oldFailure);
        }
    }

    @Test
    void aNoopLaboratorysMigrationFallsBackToo() {
        Migration<String> migration = Laboratory.noop()
                .migration("noop", String.class)
                .stage(() -> Stage.LIVE)
                .rollback(RollbackPolicy.off())
                .build();
        assertThat(migration.read(Call.none(), () -> "old", () -> {
                    throw new IllegalStateException("new down");
                }))
                .isEqualTo("old");
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().build()) {
            assertThat(lab.migrations()).isEmpty();
        }
    }
}
