package dev.parallelrun.experiment.spi;

import dev.parallelrun.experiment.migration.Migration;
import org.jspecify.annotations.Nullable;

/**
 * Turns validated options into a running migration: what a laboratory gives the migration builders it hands out
 * through {@link MigrationBuilders#create(String, MigrationFactory)}.
 */
@FunctionalInterface
public interface MigrationFactory {

    /**
     * Creates the migration.
     *
     * @throws IllegalArgumentException naming what is wrong (a name already used, say)
     * @throws IllegalStateException when the laboratory cannot make migrations (closed, say)
     */
    <R extends @Nullable Object> Migration<R> create(MigrationSpec<R> spec);
}
