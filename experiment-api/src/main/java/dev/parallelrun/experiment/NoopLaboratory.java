package dev.parallelrun.experiment;

import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.MigrationBuilder;
import dev.parallelrun.experiment.spi.ExperimentBuilders;
import dev.parallelrun.experiment.spi.MigrationBuilders;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The laboratory of {@link Laboratory#noop()}: options are still checked, calls run the control only, and migrations
 * serve and write as their stage says without comparing anything.
 */
final class NoopLaboratory implements Laboratory {

    static final NoopLaboratory INSTANCE = new NoopLaboratory();

    private NoopLaboratory() {}

    @Override
    public <T extends @Nullable Object> ExperimentBuilder<T> experiment(String name, Class<T> type) {
        return ExperimentBuilders.create(name, NoopExperiment::new);
    }

    @Override
    public <T extends @Nullable Object> ExperimentBuilder<T> experiment(String name) {
        return ExperimentBuilders.create(name, NoopExperiment::new);
    }

    @Override
    public <R extends @Nullable Object> MigrationBuilder<R> migration(String name, Class<R> readType) {
        return MigrationBuilders.create(name, NoopMigration::new);
    }

    @Override
    public <R extends @Nullable Object> MigrationBuilder<R> migration(String name) {
        return MigrationBuilders.create(name, NoopMigration::new);
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
        return List.of();
    }

    @Override
    public PublishingStats publishingStats() {
        return PublishingStats.none();
    }

    @Override
    public void close() {}

    @Override
    public boolean closed() {
        return false;
    }

    @Override
    public String toString() {
        return "Laboratory.noop()";
    }
}
