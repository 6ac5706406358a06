/**
 * Migrations: moving a store (or any code path with reads and writes) from an old side to a new one, stage by
 * stage, with dual writes, shadow reads, cutover and automatic rollback. A
 * {@link dev.parallelrun.experiment.migration.Migration} is made by
 * {@link dev.parallelrun.experiment.Laboratory#migration(String, Class)}; its
 * {@link dev.parallelrun.experiment.migration.Stage} comes from a stage source (a feature flag) read on every
 * call. Its reads are compared by the laboratory's experiments; its stage changes and failed writes go to the
 * laboratory's publishers ({@link dev.parallelrun.experiment.Publisher#publishStage} and
 * {@link dev.parallelrun.experiment.Publisher#publishWriteFailure}).
 */
@NullMarked
package dev.parallelrun.experiment.migration;

import org.jspecify.annotations.NullMarked;
