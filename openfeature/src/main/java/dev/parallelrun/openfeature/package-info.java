/**
 * Flags from the flag system a team already runs, through the OpenFeature Java SDK: a migration's stage
 * ({@link dev.parallelrun.openfeature.StageFlag}), an experiment's sample rate
 * ({@link dev.parallelrun.openfeature.RateFlag}) and the laboratory's kill switch
 * ({@link dev.parallelrun.openfeature.KillSwitchFlag}), all made by {@link dev.parallelrun.openfeature.OpenFeatureFlags}.
 * A flag that cannot be used gives a documented safe value and is counted, never an exception.
 */
@NullMarked
package dev.parallelrun.openfeature;

import org.jspecify.annotations.NullMarked;
