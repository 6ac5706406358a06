package dev.parallelrun.junit;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.Behavior;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentBuilder;
import dev.parallelrun.experiment.MismatchException;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Runs a control and a candidate on one input through the engine's strict mode, as an experiment with the options
 * the test gives (the production experiment's comparison options, so the test judges as production does), and
 * fails with strict mode's own message when they do not match.
 *
 * {@snippet :
 * Replay<Price> pricing = Replay.of("pricing-v2", Price.class, options -> options.ignorePaths("/quotedAt"));
 *
 * @ParameterizedTest
 * @MismatchSource(files = "src/test/resources/mismatches", experiment = "pricing-v2")
 * void engineMatchesLegacy(Order order) {
 *     pricing.assertMatches(order, legacy::price, engine::price);
 * }
 * }
 *
 * <p>What a test may rely on:
 * <ul>
 *   <li>Each assertion builds a strict {@code RuntimeLaboratory} of its own (no publisher), builds the experiment in
 *       it with the options, then strict: every call sampled, and the caller waits for the result. The laboratory is
 *       closed before the assertion returns.</li>
 *   <li>It passes when the candidate's outcome is a match or an ignored difference, what strict mode accepts. A
 *       control that throws is no failure when the candidate throws the same (same class and message, or as the
 *       options' {@code errorComparator} says).</li>
 *   <li>Otherwise it throws an {@link AssertionError} whose message is the {@link MismatchException}'s (the
 *       differences in the published form: cleaned and redacted as the options say) and whose cause is that
 *       exception, with the {@code Result} behind it.</li>
 *   <li>A candidate slower than the options' {@code candidateTimeout} (default 1 s) is a timeout, and fails.</li>
 * </ul>
 *
 * <p>Instances are immutable and can be shared between tests.
 *
 * @param <T> what the control and the candidate return
 */
public final class Replay<T extends @Nullable Object> {

    /** The experiment name of {@link ParallelRunAssertions}' assertions, shown in their messages. */
    public static final String DEFAULT_EXPERIMENT = "replay";

    private final String experiment;
    private final Consumer<? super ExperimentBuilder<T>> options;

    private Replay(String experiment, Consumer<? super ExperimentBuilder<T>> options) {
        this.experiment = experiment;
        this.options = options;
    }

    /**
     * Replays as the experiment {@code experiment} with {@code options} applied to its builder: the comparison
     * options of the production experiment (ignore paths, tolerances, a comparator, a cleaner, redaction...). They
     * are checked at the first assertion, as {@code ExperimentBuilder.build()} checks them.
     *
     * @param experiment the name shown in failure messages; the production experiment's, for a replayed mismatch
     * @param type the value type, for type inference only
     */
    public static <T extends @Nullable Object> Replay<T> of(
            String experiment, Class<T> type, Consumer<? super ExperimentBuilder<T>> options) {
        requireNonNull(experiment, "experiment");
        requireNonNull(type, "type");
        requireNonNull(options, "options");
        return new Replay<>(experiment, options);
    }

    /** Replays as the experiment {@code experiment} with the default options: values compared structurally. */
    public static <T extends @Nullable Object> Replay<T> of(String experiment, Class<T> type) {
        return of(experiment, type, options -> {});
    }

    /** The replay of {@link ParallelRunAssertions}: experiment {@value #DEFAULT_EXPERIMENT}, default options. */
    static <T extends @Nullable Object> Replay<T> defaults() {
        return new Replay<>(DEFAULT_EXPERIMENT, options -> {});
    }

    /** The experiment name shown in failure messages. */
    public String experiment() {
        return experiment;
    }

    /**
     * Runs {@code control} and {@code candidate} on {@code input} and fails unless they match.
     *
     * @throws AssertionError with strict mode's message, when they do not match
     */
    public <I extends @Nullable Object> void assertMatches(
            I input, Function<? super I, ? extends T> control, Function<? super I, ? extends T> candidate) {
        requireNonNull(control, "control");
        requireNonNull(candidate, "candidate");
        ControlWatch watch = new ControlWatch();
        Function<I, T> watched = argument -> {
            try {
                return control.apply(argument);
            } catch (Throwable e) {
                watch.thrown = e;
                throw ControlWatch.<RuntimeException>rethrow(e);
            }
        };
        check(watch, built -> {
            T unused = built.wrap(watched, candidate).apply(input); // strict mode throws on a mismatch
        });
    }

    /**
     * Runs {@code control} and {@code candidate} and fails unless they match.
     *
     * @throws AssertionError with strict mode's message, when they do not match
     */
    public void assertMatches(Behavior<? extends T, ?> control, Behavior<? extends T, ?> candidate) {
        requireNonNull(control, "control");
        requireNonNull(candidate, "candidate");
        ControlWatch watch = new ControlWatch();
        Behavior<T, Throwable> watched = () -> {
            try {
                return control.call();
            } catch (Throwable e) {
                watch.thrown = e;
                throw e;
            }
        };
        check(watch, built -> built.run(watched, candidate));
    }

    @SuppressWarnings("ReferenceEquality") // identity: the very exception the control threw, not an equal one
    private void check(ControlWatch watch, Body<T> body) {
        try (RuntimeLaboratory laboratory =
                RuntimeLaboratory.builder().strict(true).build()) {
            ExperimentBuilder<T> builder = laboratory.experiment(experiment);
            options.accept(builder);
            Experiment<T> built = builder.captureInputs().strict(true).build();
            try {
                body.run(built);
            } catch (MismatchException mismatch) {
                if (mismatch != watch.thrown) {
                    throw new AssertionError(mismatch.getMessage(), mismatch);
                }
                // the control's own MismatchException (an experiment nested in it), and the candidate threw the same
            } catch (Throwable other) {
                if (other != watch.thrown) {
                    throw ControlWatch.<RuntimeException>rethrow(other);
                }
                // the control threw, and the candidate threw the same: they match
            }
        }
    }

    @Override
    public String toString() {
        return "Replay[" + experiment + "]";
    }

    @FunctionalInterface
    private interface Body<T extends @Nullable Object> {
        void run(Experiment<T> experiment) throws Throwable;
    }

    /** What the control threw, to tell it from what strict mode throws. */
    private static final class ControlWatch {
        volatile @Nullable Throwable thrown;

        @SuppressWarnings("unchecked")
        static <X extends Throwable> RuntimeException rethrow(Throwable e) throws X {
            throw (X) e;
        }
    }
}
