package dev.parallelrun.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The readiness criteria: a latency floor under the p99 ratio, an inconclusive verdict when most runs were skipped, checked values. */
class ReadinessCriteriaTest {

    private static final ReadinessCriteria DEFAULTS = ReadinessCriteria.defaults();

    /** Figures that pass every default criterion but latency, with these p99s. */
    private static ReadinessCriteria.Figures latencies(Duration candidate, Duration control) {
        return new ReadinessCriteria.Figures(5_000, 0.0, 0.0, candidate, control, 0.0);
    }

    private static Readiness.Check latencyCheck(Readiness readiness) {
        return readiness.checks().stream()
                .filter(c -> c.criterion().equals("p99 latency ratio"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aP99AboveTheRatioButWithinTheFloorPassesAndSaysSo() {
        // 3x the control, but only 0.9 ms slower: below the default 1 ms floor
        Readiness readiness =
                DEFAULTS.evaluate(latencies(Duration.ofMillis(1).plusNanos(350_000), Duration.ofNanos(450_000)));
        assertThat(readiness.ready()).isTrue();
        Readiness.Check check = latencyCheck(readiness);
        assertThat(check.passed()).isTrue();
        assertThat(check.actual()).startsWith("3.00x");
        assertThat(check.note()).contains("within the 1.00 ms floor");
        assertThat(check.toString()).contains("floor, so it passes");
    }

    @Test
    void aP99BeyondTheRatioAndTheFloorFails() {
        Readiness readiness = DEFAULTS.evaluate(latencies(Duration.ofMillis(3), Duration.ofMillis(1)));
        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.status()).isEqualTo(Readiness.Status.NOT_READY);
        Readiness.Check check = latencyCheck(readiness);
        assertThat(check.passed()).isFalse();
        assertThat(check.note()).isNull();
        assertThat(readiness.verdict()).startsWith("NOT READY: p99 latency ratio 3.00x");
    }

    @Test
    void theFloorIsTheExcessOverTheControlNotTheCandidatesOwnP99() {
        // 2.1 ms against 1 ms is above the ratio and 1.1 ms slower: beyond the floor, though far below 2x the floor
        assertThat(latencyCheck(DEFAULTS.evaluate(
                                latencies(Duration.ofMillis(2).plusNanos(100_000), Duration.ofMillis(1))))
                        .passed())
                .isFalse();
        // exactly at the floor still passes
        assertThat(latencyCheck(DEFAULTS.evaluate(latencies(Duration.ofNanos(1_500_000), Duration.ofNanos(500_000))))
                        .passed())
                .isTrue();
    }

    @Test
    void aZeroFloorMakesTheRatioAloneDecide() {
        ReadinessCriteria strict = DEFAULTS.withLatencyFloor(Duration.ZERO);
        assertThat(latencyCheck(strict.evaluate(latencies(Duration.ofNanos(900), Duration.ofNanos(300))))
                        .passed())
                .isFalse();
        assertThat(latencyCheck(strict.evaluate(latencies(Duration.ofNanos(600), Duration.ofNanos(300))))
                        .passed())
                .isTrue();
    }

    @Test
    void anUnknownLatencyFailsItsCheck() {
        Readiness readiness = DEFAULTS.evaluate(new ReadinessCriteria.Figures(5_000, 0.0, 0.0, null, null, 0.0));
        assertThat(latencyCheck(readiness).passed()).isFalse();
        assertThat(latencyCheck(readiness).actual()).isEqualTo("unknown");
    }

    @Test
    void mostRunsSkippedMakesTheVerdictInconclusiveWhateverTheRestSays() {
        Readiness readiness = DEFAULTS.evaluate(
                new ReadinessCriteria.Figures(5_000, 0.0, 0.0, Duration.ofMillis(1), Duration.ofMillis(1), 0.6));
        assertThat(readiness.status()).isEqualTo(Readiness.Status.INCONCLUSIVE);
        assertThat(readiness.inconclusive()).isTrue();
        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.failing()).extracting(Readiness.Check::criterion).containsExactly("skipped share");
        assertThat(readiness.failing().get(0).note()).contains("inconclusive");
        assertThat(readiness.verdict()).startsWith("INCONCLUSIVE: skipped share 60.000%");
    }

    @Test
    void inconclusiveBeatsNotReady() {
        Readiness readiness = DEFAULTS.evaluate(
                new ReadinessCriteria.Figures(10, 0.5, 0.5, Duration.ofMillis(9), Duration.ofMillis(1), 0.9));
        assertThat(readiness.status()).isEqualTo(Readiness.Status.INCONCLUSIVE);
        assertThat(readiness.failing()).hasSize(5);
    }

    @Test
    void aSkippedShareAtTheLimitIsNotInconclusive() {
        Readiness readiness = DEFAULTS.evaluate(
                new ReadinessCriteria.Figures(5_000, 0.0, 0.0, Duration.ofMillis(1), Duration.ofMillis(1), 0.5));
        assertThat(readiness.status()).isEqualTo(Readiness.Status.READY);
    }

    @Test
    void eachWithMethodReturnsACopyWithOnlyThatCriterionChanged() {
        ReadinessCriteria d = DEFAULTS;
        assertThat(d.withMinComparedSamples(7))
                .isEqualTo(new ReadinessCriteria(
                        7,
                        d.maxMismatchRate(),
                        d.maxErrorRate(),
                        d.maxP99Ratio(),
                        d.latencyFloor(),
                        d.maxSkippedShare()));
        assertThat(d.withMaxMismatchRate(0.2))
                .isEqualTo(new ReadinessCriteria(
                        d.minComparedSamples(),
                        0.2,
                        d.maxErrorRate(),
                        d.maxP99Ratio(),
                        d.latencyFloor(),
                        d.maxSkippedShare()));
        assertThat(d.withMaxErrorRate(0.3))
                .isEqualTo(new ReadinessCriteria(
                        d.minComparedSamples(),
                        d.maxMismatchRate(),
                        0.3,
                        d.maxP99Ratio(),
                        d.latencyFloor(),
                        d.maxSkippedShare()));
        assertThat(d.withMaxP99Ratio(4))
                .isEqualTo(new ReadinessCriteria(
                        d.minComparedSamples(),
                        d.maxMismatchRate(),
                        d.maxErrorRate(),
                        4,
                        d.latencyFloor(),
                        d.maxSkippedShare()));
        assertThat(d.withLatencyFloor(Duration.ofMillis(5)))
                .isEqualTo(new ReadinessCriteria(
                        d.minComparedSamples(),
                        d.maxMismatchRate(),
                        d.maxErrorRate(),
                        d.maxP99Ratio(),
                        Duration.ofMillis(5),
                        d.maxSkippedShare()));
        assertThat(d.withMaxSkippedShare(0.1))
                .isEqualTo(new ReadinessCriteria(
                        d.minComparedSamples(),
                        d.maxMismatchRate(),
                        d.maxErrorRate(),
                        d.maxP99Ratio(),
                        d.latencyFloor(),
                        0.1));
        // the defaults themselves are untouched
        assertThat(ReadinessCriteria.defaults())
                .isEqualTo(
                        new ReadinessCriteria(1_000, 0.001, 0.01, 2.0, ReadinessCriteria.DEFAULT_LATENCY_FLOOR, 0.5));
    }

    @Test
    void badValuesAreRefusedWithMessagesNamingTheCriterion() {
        assertThatThrownBy(() -> DEFAULTS.withMinComparedSamples(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minComparedSamples must be at least 1, was 0");
        assertThatThrownBy(() -> DEFAULTS.withMaxMismatchRate(1.5))
                .hasMessage("maxMismatchRate must be in [0, 1], was 1.5");
        assertThatThrownBy(() -> DEFAULTS.withMaxMismatchRate(Double.NaN))
                .hasMessage("maxMismatchRate must be in [0, 1], was NaN");
        assertThatThrownBy(() -> DEFAULTS.withMaxErrorRate(-0.1))
                .hasMessage("maxErrorRate must be in [0, 1], was -0.1");
        assertThatThrownBy(() -> DEFAULTS.withMaxP99Ratio(0))
                .hasMessage("maxP99Ratio must be a positive number, was 0.0");
        assertThatThrownBy(() -> DEFAULTS.withMaxP99Ratio(Double.POSITIVE_INFINITY))
                .hasMessageStartingWith("maxP99Ratio must be a positive number");
        assertThatThrownBy(() -> DEFAULTS.withMaxP99Ratio(Double.NaN))
                .hasMessageStartingWith("maxP99Ratio must be a positive number");
        assertThatThrownBy(() -> DEFAULTS.withLatencyFloor(Duration.ofMillis(-1)))
                .hasMessage("latencyFloor must be zero or positive, was PT-0.001S");
        assertThatThrownBy(() -> DEFAULTS.withLatencyFloor(null)).hasMessageStartingWith("latencyFloor");
        assertThatThrownBy(() -> DEFAULTS.withMaxSkippedShare(2))
                .hasMessage("maxSkippedShare must be in [0, 1], was 2.0");
    }
}
