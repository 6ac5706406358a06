package dev.parallelrun.junit;

import static dev.parallelrun.junit.ParallelRunAssertions.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.MismatchException;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.junit.Fixtures.Order;
import dev.parallelrun.junit.Fixtures.Price;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@link Replay} and {@link ParallelRunAssertions}: strict mode's verdict and words, on one input. */
class ReplayTest {

    private static final Order ORDER = new Order("o-1", 3, new BigDecimal("19.5"));

    private static final Function<Order, Price> LEGACY =
            order -> new Price(order.unitPrice().multiply(BigDecimal.valueOf(order.quantity())));
    private static final Function<Order, Price> ROUNDING =
            order -> new Price(LEGACY.apply(order).total().setScale(0, java.math.RoundingMode.HALF_UP));

    @Test
    void aMatchingPairPasses() {
        assertThatCode(() -> assertMatches(ORDER, LEGACY, LEGACY::apply)).doesNotThrowAnyException();
        assertThatCode(() -> assertMatches(() -> LEGACY.apply(ORDER), () -> LEGACY.apply(ORDER)))
                .doesNotThrowAnyException();
    }

    @Test
    void aMismatchFailsWithStrictModesOwnMessageAndTheResultBehindIt() {
        AssertionError failure =
                catchThrowableOfType(AssertionError.class, () -> assertMatches(ORDER, LEGACY, ROUNDING));

        assertThat(failure.getCause()).isInstanceOf(MismatchException.class);
        MismatchException mismatch = (MismatchException) failure.getCause();
        assertThat(failure.getMessage()).isEqualTo(mismatch.getMessage());
        assertThat(failure.getMessage()).startsWith("""
                experiment 'replay':
                  candidate 'candidate': MISMATCH, 1 difference
                    replace /total 58.5 -> 59
                  control: control returned {"total":58.5} in""");
        assertThat(mismatch.result()).isNotNull();
        assertThat(mismatch.result().input()).isNotNull();
        assertThat(mismatch.result().input().json()).contains("\"id\":\"o-1\"");
    }

    @Test
    void theWordsAreThoseOfAnExperimentInAStrictLaboratory() {
        String replayed = catchThrowableOfType(
                        AssertionError.class,
                        () -> Replay.of("pricing-v2", Price.class).assertMatches(ORDER, LEGACY, ROUNDING))
                .getMessage();
        String strict;
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().strict(true).build()) {
            Experiment<Price> pricing =
                    lab.experiment("pricing-v2", Price.class).build();
            strict = catchThrowableOfType(
                            MismatchException.class,
                            () -> pricing.wrap(LEGACY, ROUNDING).apply(ORDER))
                    .getMessage();
        }
        assertThat(withoutDurations(replayed)).isEqualTo(withoutDurations(strict));
    }

    @Test
    void theOptionsJudgeAsTheProductionExperimentDoes() {
        Replay<Price> tolerant = Replay.of("pricing-v2", Price.class, options -> options.ignorePaths("/total"));
        assertThatCode(() -> tolerant.assertMatches(ORDER, LEGACY, ROUNDING)).doesNotThrowAnyException();

        Replay<Price> lenient = Replay.of(
                "pricing-v2", Price.class, options -> options.strict(false).sampleRate(0));
        assertThat(catchThrowableOfType(AssertionError.class, () -> lenient.assertMatches(ORDER, LEGACY, ROUNDING)))
                .hasMessageStartingWith("experiment 'pricing-v2':");
    }

    @Test
    void aControlThatThrowsMatchesACandidateThatThrowsTheSame() {
        Function<Order, Price> outOfStock = order -> {
            throw new IllegalStateException("out of stock");
        };
        assertThatCode(() -> assertMatches(ORDER, outOfStock, outOfStock)).doesNotThrowAnyException();

        AssertionError failure =
                catchThrowableOfType(AssertionError.class, () -> assertMatches(ORDER, outOfStock, LEGACY));
        assertThat(failure)
                .hasMessageContaining("candidate 'candidate': MISMATCH")
                .hasMessageContaining("control: control threw java.lang.IllegalStateException: out of stock");
    }

    @Test
    void aCandidateThatThrowsOrTimesOutFails() {
        AssertionError threw = catchThrowableOfType(
                AssertionError.class,
                () -> assertMatches(ORDER, LEGACY, order -> {
                    throw new ArithmeticException("scale");
                }));
        assertThat(threw).hasMessageContaining("MISMATCH");
        assertThat(((MismatchException) threw.getCause()).getSuppressed())
                .anySatisfy(e -> assertThat(e).isInstanceOf(ArithmeticException.class));

        Replay<Price> quick =
                Replay.of("pricing-v2", Price.class, options -> options.candidateTimeout(Duration.ofMillis(50)));
        AssertionError slow = catchThrowableOfType(
                AssertionError.class,
                () -> quick.assertMatches(ORDER, LEGACY, order -> {
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return LEGACY.apply(order);
                }));
        assertThat(((MismatchException) slow.getCause()).outcomes()).containsValue(Outcome.TIMED_OUT);
    }

    @Test
    void badOptionsAreReportedAsTheBuilderReportsThem() {
        Replay<Price> wrong = Replay.of("pricing-v2", Price.class, options -> options.ignorePaths("total"));
        assertThat(catchThrowableOfType(
                        IllegalArgumentException.class, () -> wrong.assertMatches(ORDER, LEGACY, LEGACY)))
                .hasMessageStartingWith("experiment 'pricing-v2': ignorePaths:");
    }

    private static String withoutDurations(String message) {
        return message.replaceAll(" in [0-9.]+ ?[a-zµ]+", " in (time)");
    }
}
