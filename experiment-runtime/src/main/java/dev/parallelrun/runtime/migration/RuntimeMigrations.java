package dev.parallelrun.runtime.migration;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentBuilder;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.spi.MigrationSpec;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Makes the migrations of a {@code RuntimeLaboratory}; applications get theirs from
 * {@link Laboratory#migration(String, Class)}.
 */
public final class RuntimeMigrations {

    private RuntimeMigrations() {}

    /**
     * Builds the migration's two read experiments in {@code laboratory} (named by
     * {@link MigrationSpec#shadowExperiment()} and {@link MigrationSpec#liveExperiment()}, each with the migration's
     * read options), reads the stage source once and starts the timeline.
     *
     * @param laboratory where the read experiments are made
     * @param spec the checked options
     * @param laboratoryClock the clock of the migration's times when its options set none
     * @param events how its records reach the laboratory's publishers
     * @throws IllegalArgumentException when the read options are wrong or an experiment name is taken
     */
    public static <R extends @Nullable Object> Migration<R> start(
            Laboratory laboratory, MigrationSpec<R> spec, Clock laboratoryClock, MigrationEvents events) {
        requireNonNull(laboratory, "laboratory");
        requireNonNull(spec, "spec");
        requireNonNull(laboratoryClock, "laboratoryClock");
        requireNonNull(events, "events");
        Experiment<R> shadow = readExperiment(laboratory, spec, spec.shadowExperiment());
        Experiment<R> live = readExperiment(laboratory, spec, spec.liveExperiment());
        Clock clock = spec.clock() != null ? spec.clock() : laboratoryClock;
        return new RuntimeMigration<>(spec, shadow, live, requireNonNull(clock), events);
    }

    private static <R extends @Nullable Object> Experiment<R> readExperiment(
            Laboratory laboratory, MigrationSpec<R> spec, String name) {
        ExperimentBuilder<R> options = laboratory.experiment(name);
        spec.readOptions().accept(options);
        return options.build();
    }
}
