package dev.parallelrun.runtime.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.ReadinessCriteria;
import dev.parallelrun.experiment.migration.RollbackPolicy;
import dev.parallelrun.experiment.migration.Stage;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * SHADOW may advance to LIVE when the comparisons of the current SHADOW period pass the experiment's criteria, the new
 * side's writes hardly failed, no rollback awaits acknowledgement, and a business cycle has passed.
 */
class ReadinessTest {

    private static final ReadinessCriteria CRITERIA =
            ReadinessCriteria.defaults().withMinComparedSamples(100).withMaxP99Ratio(1_000_000);

    private static Fixture shadow(TestClock clock) {
        Fixture fixture = new Fixture(
                Stage.SHADOW,
                b -> b.clock(clock)
                        .rollback(RollbackPolicy.defaults().withMinCalls(2))
                        .reads(read -> read.sampleRate(1.0)
                                .maxConcurrentCandidates(10_000)
                                .readiness(CRITERIA)));
        for (int i = 0; i < 10; i++) {
            fixture.oldStore.data.put("c" + i, "customer " + i);
            fixture.newStore.data.put("c" + i, "customer " + i);
        }
        return fixture;
    }

    private static void compare(Fixture f, int reads) {
        long before = f.migration.stats().shadowReads().sampled();
        for (int i = 0; i < reads; i++) {
            f.read("c" + (i % 10));
        }
        Awaitility.await().until(() -> f.migration.stats().shadowReads().sampled() == before + reads);
    }

    private static Readiness.Check check(Readiness readiness, String criterion) {
        return readiness.checks().stream()
                .filter(c -> c.criterion().equals(criterion))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void cleanComparisonsAreNotEnoughBeforeAWeekInShadow() {
        TestClock clock = new TestClock();
        try (Fixture f = shadow(clock)) {
            compare(f, 100);
            clock.advance(Duration.ofDays(6).plusHours(23));
            Readiness early = f.migration.readiness();
            assertThat(early.ready()).isFalse();
            assertThat(early.failing()).extracting(Readiness.Check::criterion).containsExactly("time in SHADOW");
            assertThat(early.verdict()).contains("time in SHADOW 6 d 23 h").contains("needs at least 7 d");
            clock.advance(Duration.ofHours(1));
            assertThat(f.migration.readiness().ready()).isTrue();
            assertThat(f.migration.readiness().verdict()).isEqualTo("READY");
        }
    }

    @Test
    void theMinimumDurationIsConfigurable() {
        TestClock clock = new TestClock();
        try (Fixture f = new Fixture(
                Stage.SHADOW,
                b -> b.clock(clock)
                        .minShadowDuration(Duration.ZERO)
                        .reads(read -> read.sampleRate(1.0).readiness(CRITERIA)))) {
            f.oldStore.data.put("c0", "same");
            f.newStore.data.put("c0", "same");
            for (int i = 0; i < 100; i++) {
                f.read("c0");
            }
            Awaitility.await().until(() -> f.migration.stats().shadowReads().sampled() == 100);
            assertThat(f.migration.readiness().ready()).isTrue();
        }
    }

    @Test
    void tooFewComparisonsOrTooManyMismatchesSayWhy() {
        TestClock clock = new TestClock();
        try (Fixture f = shadow(clock)) {
            f.newStore.data.put("c3", "someone else");
            compare(f, 50);
            clock.advance(Duration.ofDays(8));
            Readiness readiness = f.migration.readiness();
            assertThat(readiness.failing())
                    .extracting(Readiness.Check::criterion)
                    .containsExactly("samples", "mismatch rate");
            assertThat(check(readiness, "mismatch rate").actual()).isEqualTo("10.000%");
        }
    }

    @Test
    void mismatchesOfAnEarlierShadowPeriodNoLongerCount() {
        TestClock clock = new TestClock();
        try (Fixture f = shadow(clock)) {
            f.newStore.data.put("c3", "someone else");
            compare(f, 100);
            assertThat(check(f.migration.readiness(), "mismatch rate").passed()).isFalse();
            f.stage(Stage.DUAL_WRITE); // the bug is fixed and the data backfilled
            f.read("c0");
            f.newStore.data.put("c3", "customer 3");
            f.stage(Stage.SHADOW);
            compare(f, 100);
            clock.advance(Duration.ofDays(7));
            Readiness readiness = f.migration.readiness();
            assertThat(check(readiness, "mismatch rate").actual()).isEqualTo("0.000%");
            assertThat(check(readiness, "samples").actual()).isEqualTo("100");
            assertThat(readiness.ready()).isTrue();
        }
    }

    @Test
    void failedWritesOfTheNewSideInShadowKeepItNotReady() {
        TestClock clock = new TestClock();
        try (Fixture f = shadow(clock)) {
            compare(f, 100);
            f.newStore.failWrites = true;
            f.write("c1", "customer 1");
            f.newStore.failWrites = false;
            for (int i = 0; i < 9; i++) {
                f.write("c1", "customer 1");
            }
            clock.advance(Duration.ofDays(7));
            Readiness readiness = f.migration.readiness();
            assertThat(readiness.failing())
                    .extracting(Readiness.Check::criterion)
                    .containsExactly("new-side write failures");
            assertThat(check(readiness, "new-side write failures").actual()).isEqualTo("10.000% (1 of 10)");
        }
    }

    @Test
    void notReadyOutsideShadowNorWhileARollbackAwaitsAcknowledgement() {
        TestClock clock = new TestClock();
        try (Fixture f = shadow(clock)) {
            f.stage(Stage.LIVE);
            f.read("c0");
            assertThat(f.migration.readiness().failing())
                    .extracting(Readiness.Check::criterion)
                    .contains("stage");
            f.newStore.failReads = true;
            f.read("c0");
            // one failed read in a window of 2 is past 1%: rolled back
            assertThat(f.migration.rollback()).isNotNull();
            Readiness readiness = f.migration.readiness();
            assertThat(check(readiness, "stage").passed()).isTrue();
            assertThat(check(readiness, "rollback").passed()).isFalse();
            assertThat(check(readiness, "rollback").actual()).contains("failed reads of the new side");
        }
    }

    @Test
    void aMigrationNeverInShadowSaysSo() {
        try (Fixture f = new Fixture(Stage.DUAL_WRITE)) {
            Readiness readiness = f.migration.readiness();
            assertThat(check(readiness, "time in SHADOW").actual()).isEqualTo("never in SHADOW");
            assertThat(readiness.ready()).isFalse();
        }
    }
}
