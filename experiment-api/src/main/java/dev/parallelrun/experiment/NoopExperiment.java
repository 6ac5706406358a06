package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.spi.ExperimentSpec;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** An experiment of {@link Laboratory#noop()}: the control and nothing else. */
final class NoopExperiment<T extends @Nullable Object> implements Experiment<T> {

    private final ExperimentSpec<T> spec;

    NoopExperiment(ExperimentSpec<T> spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public <X extends Throwable> T run(Call call, Behavior<? extends T, X> control, Behavior<? extends T, ?> candidate)
            throws X {
        requireNonNull(candidate, "candidate");
        return control.call();
    }

    @Override
    public <X extends Throwable> T run(Call call, Behavior<? extends T, X> control, Candidates<T> candidates) throws X {
        requireNonNull(candidates, "candidates");
        return control.call();
    }

    @Override
    public <X extends Throwable> CompletionStage<T> runAsync(
            Call call,
            Behavior<? extends CompletionStage<T>, X> control,
            Behavior<? extends CompletionStage<? extends T>, ?> candidate)
            throws X {
        requireNonNull(candidate, "candidate");
        return control.call();
    }

    @Override
    public <X extends Throwable> CompletionStage<T> runAsync(
            Call call,
            Behavior<? extends CompletionStage<T>, X> control,
            Candidates<? extends CompletionStage<? extends T>> candidates)
            throws X {
        requireNonNull(candidates, "candidates");
        return control.call();
    }

    @Override
    public <A extends @Nullable Object> Function<A, CompletionStage<T>> wrapAsync(
            Function<? super A, ? extends CompletionStage<T>> control,
            Function<? super A, ? extends CompletionStage<? extends T>> candidate) {
        return controlOnly(control, candidate);
    }

    @Override
    public <A extends @Nullable Object> Function<A, T> wrap(
            Function<? super A, ? extends T> control, Function<? super A, ? extends T> candidate) {
        return controlOnly(control, candidate);
    }

    @Override
    public <A extends @Nullable Object> Function<A, T> wrap(
            Function<? super A, Call> call,
            Function<? super A, ? extends T> control,
            Function<? super A, ? extends T> candidate) {
        return controlOnly(control, candidate);
    }

    @Override
    public Supplier<T> wrap(Supplier<? extends T> control, Supplier<? extends T> candidate) {
        return controlOnly(control, candidate);
    }

    /** What a wrap of the control alone is: the control itself, once both are known to be there. */
    // the one unchecked cast of the four wraps: each returns its control as the function type it declares
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
    private static <F> F controlOnly(Object control, Object candidate) {
        requireNonNull(candidate, "candidate");
        return (F) requireNonNull(control, "control");
    }

    @Override
    public ExperimentStats stats() {
        return emptyStats(spec.name(), spec.expiresOn(), spec.readiness());
    }

    /** The statistics of an experiment that never ran a candidate, for noop experiments and migrations alike. */
    static ExperimentStats emptyStats(String experiment, @Nullable LocalDate expiresOn, ReadinessCriteria criteria) {
        return new ExperimentStats(
                experiment,
                0,
                0,
                LatencySummary.empty(),
                LatencySummary.empty(),
                LatencySummary.empty(),
                List.of(),
                Map.of(),
                0,
                0,
                Map.of(),
                expiresOn,
                false,
                criteria,
                criteria.evaluate(new ReadinessCriteria.Figures(0, Double.NaN, Double.NaN, null, null, Double.NaN)));
    }

    @Override
    public void pause() {}

    @Override
    public void resume() {}

    @Override
    public boolean paused() {
        return false;
    }

    @Override
    public String toString() {
        return "noop experiment '" + spec.name() + "'";
    }
}
