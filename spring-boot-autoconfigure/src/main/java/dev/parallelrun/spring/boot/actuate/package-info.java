/**
 * Actuator support: the {@code experiments} endpoint
 * ({@link dev.parallelrun.spring.boot.actuate.ExperimentsEndpoint}), which reads every experiment's statistics and
 * pauses, resumes and re-rates experiments at run time, and an info contributor listing experiments and their expiry
 * dates.
 */
@NullMarked
package dev.parallelrun.spring.boot.actuate;

import org.jspecify.annotations.NullMarked;
