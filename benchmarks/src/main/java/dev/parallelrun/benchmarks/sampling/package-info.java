/**
 * The sampling decision on its own: the stock samplers' random draw per call beside a countdown that draws only
 * on sampled calls ({@link dev.parallelrun.benchmarks.sampling.GeometricSampler}).
 */
@NullMarked
package dev.parallelrun.benchmarks.sampling;

import org.jspecify.annotations.NullMarked;
