/**
 * How many sampled calls a second the engine carries into the JSON Lines publisher, sustained, and what it
 * drops when the publishing thread cannot keep up.
 */
@NullMarked
package dev.parallelrun.benchmarks.throughput;

import org.jspecify.annotations.NullMarked;
