package dev.parallelrun.junit;

import dev.parallelrun.experiment.Behavior;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Assertions that run a control and a candidate through the engine's strict mode and fail with its message: the
 * structural differences, in the same words as a {@code MismatchException}. For the options of a production
 * experiment (ignore paths, tolerances...), use {@link Replay#of(String, Class, java.util.function.Consumer)}.
 *
 * {@snippet :
 * import static dev.parallelrun.junit.ParallelRunAssertions.assertMatches;
 *
 * assertMatches(order, legacy::price, engine::price);
 * // java.lang.AssertionError: experiment 'replay':
 * //   candidate 'candidate': MISMATCH, 2 differences
 * //     replace /discount 154 -> 153.75
 * //     replace /total 2926 -> 2926.25
 * //   control: ...
 * }
 */
public final class ParallelRunAssertions {

    private ParallelRunAssertions() {}

    /**
     * Runs {@code control} and {@code candidate} on {@code input}, as the experiment
     * {@value Replay#DEFAULT_EXPERIMENT} with default options, and fails unless they match (see {@link Replay}).
     *
     * @throws AssertionError with strict mode's message, when they do not match
     */
    public static <I extends @Nullable Object, T extends @Nullable Object> void assertMatches(
            I input, Function<? super I, ? extends T> control, Function<? super I, ? extends T> candidate) {
        Replay.<T>defaults().assertMatches(input, control, candidate);
    }

    /**
     * Runs {@code control} and {@code candidate}, as the experiment {@value Replay#DEFAULT_EXPERIMENT} with default
     * options, and fails unless they match (see {@link Replay}).
     *
     * @throws AssertionError with strict mode's message, when they do not match
     */
    public static <T extends @Nullable Object> void assertMatches(
            Behavior<? extends T, ?> control, Behavior<? extends T, ?> candidate) {
        Replay.<T>defaults().assertMatches(control, candidate);
    }
}
