/**
 * What a migration adds to a read and to a write in each of its six stages, beside the direct calls of the stores:
 * {@link dev.parallelrun.benchmarks.migration.MigrationBenchmark} holds the benchmarks; the other types are the two
 * in-memory customer stores, the migration between them, and the benchmarks' states.
 */
@NullMarked
package dev.parallelrun.benchmarks.migration;

import org.jspecify.annotations.NullMarked;
