/**
 * Actuator support: the {@code experiments} endpoint
 * ({@link dev.parallelrun.spring.boot.actuate.ExperimentsEndpoint}), which reads every experiment's statistics and
 * pauses, resumes and re-rates experiments at run time; the {@code migrations} endpoint
 * ({@link dev.parallelrun.spring.boot.actuate.MigrationsEndpoint}), which shows every migration's stage, rollback and
 * readiness, sets stages and acknowledges rollbacks; and an info contributor listing experiments, their expiry dates
 * and the migrations' stages.
 */
@NullMarked
package dev.parallelrun.spring.boot.actuate;

import org.jspecify.annotations.NullMarked;
