/**
 * What an experiment costs the caller, per call, beside the direct call of the control: the no-op
 * laboratory, unsampled and sampled calls of the engine, and the peers (Scientist4J, the home-made
 * version) on the same workload. {@link dev.parallelrun.benchmarks.overhead.OverheadBenchmark} holds the
 * benchmarks; the other types are their states.
 */
@NullMarked
package dev.parallelrun.benchmarks.overhead;

import org.jspecify.annotations.NullMarked;
