package dev.parallelrun.experiment;

import java.util.List;
import java.util.Map;
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
    public <X extends Throwable> T run(Behavior<? extends T, X> control, Behavior<? extends T, ?> candidate) throws X {
        return control.call();
    }

    @Override
    public <X extends Throwable> T run(Call call, Behavior<? extends T, X> control, Behavior<? extends T, ?> candidate)
            throws X {
        return control.call();
    }

    @Override
    public <X extends Throwable> T run(Call call, Behavior<? extends T, X> control, Candidates<T> candidates) throws X {
        return control.call();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends @Nullable Object> Function<A, T> wrap(
            Function<? super A, ? extends T> control, Function<? super A, ? extends T> candidate) {
        return (Function<A, T>) control;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends @Nullable Object> Function<A, T> wrap(Function<? super A, Call> call,
            Function<? super A, ? extends T> control, Function<? super A, ? extends T> candidate) {
        return (Function<A, T>) control;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Supplier<T> wrap(Supplier<? extends T> control, Supplier<? extends T> candidate) {
        return (Supplier<T>) control;
    }

    @Override
    public ExperimentStats stats() {
        ReadinessCriteria criteria = spec.readiness();
        return new ExperimentStats(spec.name(), 0, 0, LatencySummary.empty(), LatencySummary.empty(), List.of(),
                Map.of(), spec.expiresOn(), false, criteria, criteria.evaluate(0, Double.NaN, Double.NaN, Double.NaN));
    }

    @Override
    public String toString() {
        return "noop experiment '" + spec.name() + "'";
    }
}
