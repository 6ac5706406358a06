/**
 * The engine of migrations: {@link dev.parallelrun.runtime.migration.RuntimeMigrations} makes the
 * {@link dev.parallelrun.experiment.migration.Migration}s of a {@code RuntimeLaboratory}. Reads are compared by two
 * experiments of the laboratory (one per direction), so sampling, comparison, statistics and publishing are the
 * experiments' own; this package adds the stage per call, the fallback, the writes, the rollback watch, the timeline
 * and the readiness of a SHADOW period.
 */
@NullMarked
package dev.parallelrun.runtime.migration;

import org.jspecify.annotations.NullMarked;
