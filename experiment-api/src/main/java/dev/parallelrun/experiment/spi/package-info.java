/**
 * For implementers of a laboratory (the engine, a test double) and of publishers, not for applications: the
 * validated options of an experiment ({@link dev.parallelrun.experiment.spi.ExperimentSpec}), the factory a
 * laboratory gives its experiment builders ({@link dev.parallelrun.experiment.spi.ExperimentFactory},
 * {@link dev.parallelrun.experiment.spi.ExperimentBuilders}), a throttled log for faults
 * ({@link dev.parallelrun.experiment.spi.ThrottledLog}) and the stable hash behind sticky sampling and
 * signatures ({@link dev.parallelrun.experiment.spi.StableHash}).
 */
@NullMarked
package dev.parallelrun.experiment.spi;

import org.jspecify.annotations.NullMarked;
