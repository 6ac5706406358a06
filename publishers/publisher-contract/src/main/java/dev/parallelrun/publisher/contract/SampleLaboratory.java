package dev.parallelrun.publisher.contract;

import dev.parallelrun.experiment.Behavior;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Candidates;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentBuilder;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.PublishingStats;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.MigrationBuilder;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The laboratory of {@link SampleResults#laboratory()}: fixed publishing statistics and one experiment with fixed
 * statistics, for publishers that read them at {@code attach} or later. Calls run the control only.
 */
final class SampleLaboratory implements Laboratory {

    private final Experiment<Object> experiment;
    private final PublishingStats publishing;

    SampleLaboratory(ExperimentStats stats, PublishingStats publishing) {
        this.experiment = new SampleExperiment(
                Laboratory.noop().experiment(stats.experiment(), Object.class).build(), stats);
        this.publishing = publishing;
    }

    @Override
    public <T extends @Nullable Object> ExperimentBuilder<T> experiment(String name, Class<T> type) {
        return Laboratory.noop().experiment(name, type);
    }

    @Override
    public <T extends @Nullable Object> ExperimentBuilder<T> experiment(String name) {
        return Laboratory.noop().experiment(name);
    }

    @Override
    public <R extends @Nullable Object> MigrationBuilder<R> migration(String name, Class<R> readType) {
        return Laboratory.noop().migration(name, readType);
    }

    @Override
    public <R extends @Nullable Object> MigrationBuilder<R> migration(String name) {
        return Laboratory.noop().migration(name);
    }

    @Override
    public List<Migration<?>> migrations() {
        return List.of();
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
    public List<Experiment<?>> experiments() {
        return List.of(experiment);
    }

    @Override
    public PublishingStats publishingStats() {
        return publishing;
    }

    @Override
    public void close() {}

    @Override
    public boolean closed() {
        return false;
    }

    @Override
    public String toString() {
        return "SampleResults.laboratory()";
    }

    /** A no-op experiment that reports the statistics it was made with. */
    private static final class SampleExperiment implements Experiment<Object> {

        private final Experiment<Object> noop;
        private final ExperimentStats stats;

        SampleExperiment(Experiment<Object> noop, ExperimentStats stats) {
            this.noop = noop;
            this.stats = stats;
        }

        @Override
        public String name() {
            return noop.name();
        }

        @Override
        public <X extends Throwable> Object run(
                Call call, Behavior<? extends Object, X> control, Behavior<? extends Object, ?> candidate) throws X {
            return noop.run(call, control, candidate);
        }

        @Override
        public <X extends Throwable> Object run(
                Call call, Behavior<? extends Object, X> control, Candidates<Object> candidates) throws X {
            return noop.run(call, control, candidates);
        }

        @Override
        public <X extends Throwable> CompletionStage<Object> runAsync(
                Call call,
                Behavior<? extends CompletionStage<Object>, X> control,
                Behavior<? extends CompletionStage<? extends Object>, ?> candidate)
                throws X {
            return noop.runAsync(call, control, candidate);
        }

        @Override
        public <X extends Throwable> CompletionStage<Object> runAsync(
                Call call,
                Behavior<? extends CompletionStage<Object>, X> control,
                Candidates<? extends CompletionStage<? extends Object>> candidates)
                throws X {
            return noop.runAsync(call, control, candidates);
        }

        @Override
        public <A extends @Nullable Object> Function<A, CompletionStage<Object>> wrapAsync(
                Function<? super A, ? extends CompletionStage<Object>> control,
                Function<? super A, ? extends CompletionStage<? extends Object>> candidate) {
            return noop.wrapAsync(control, candidate);
        }

        @Override
        public <A extends @Nullable Object> Function<A, Object> wrap(
                Function<? super A, ? extends Object> control, Function<? super A, ? extends Object> candidate) {
            return noop.wrap(control, candidate);
        }

        @Override
        public <A extends @Nullable Object> Function<A, Object> wrap(
                Function<? super A, Call> call,
                Function<? super A, ? extends Object> control,
                Function<? super A, ? extends Object> candidate) {
            return noop.wrap(call, control, candidate);
        }

        @Override
        public Supplier<Object> wrap(Supplier<? extends Object> control, Supplier<? extends Object> candidate) {
            return noop.wrap(control, candidate);
        }

        @Override
        public ExperimentStats stats() {
            return stats;
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
            return "sample experiment '" + name() + "'";
        }
    }
}
