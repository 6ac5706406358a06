/**
 * A runnable migration demo: a legacy pricing function and its replacement, run side by side on many orders
 * with sampling, published to metrics and JSON Lines, and summarised with stats, a readiness verdict and a
 * report at the end.
 */
@NullMarked
package dev.parallelrun.examples.pricing;

import org.jspecify.annotations.NullMarked;
