package dev.parallelrun.experiment.spi;

import dev.parallelrun.experiment.Experiment;
import org.jspecify.annotations.Nullable;

/**
 * Turns validated options into a running experiment: what a laboratory gives the builders it hands out
 * through {@link ExperimentBuilders#create(String, ExperimentFactory)}.
 */
@FunctionalInterface
public interface ExperimentFactory {

    /**
     * Creates the experiment.
     *
     * @throws IllegalArgumentException naming what is wrong (a name already used, say)
     * @throws IllegalStateException when the laboratory cannot make experiments (closed, say)
     */
    <T extends @Nullable Object> Experiment<T> create(ExperimentSpec<T> spec);
}
