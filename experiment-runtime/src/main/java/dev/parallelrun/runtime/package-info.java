/**
 * The engine behind {@link dev.parallelrun.experiment.Laboratory}: {@link dev.parallelrun.runtime.RuntimeLaboratory}
 * builds laboratories whose experiments sample calls, run candidates on virtual threads beside the control,
 * compare, keep statistics and hand results to publishers on a publishing thread of their own.
 */
@NullMarked
package dev.parallelrun.runtime;

import org.jspecify.annotations.NullMarked;
