/**
 * The types an application and a publisher code against: {@link dev.parallelrun.experiment.Laboratory},
 * {@link dev.parallelrun.experiment.Experiment}, {@link dev.parallelrun.experiment.Result} and
 * {@link dev.parallelrun.experiment.Publisher}. This package has no dependency; the engine that runs
 * experiments lives in {@code experiment-runtime}, and {@link dev.parallelrun.experiment.Laboratory#noop()}
 * runs the control and nothing else when no engine is wired in.
 */
@NullMarked
package dev.parallelrun.experiment;

import org.jspecify.annotations.NullMarked;
