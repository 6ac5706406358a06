package dev.parallelrun.runtime.diff;

import dev.parallelrun.experiment.PublishedValue;
import org.jspecify.annotations.Nullable;

/**
 * Explains how two values differ and turns values into their published form. One differ per experiment,
 * made from its options; used from many threads at once. Never throws: a value it cannot handle falls
 * back to {@code equals} and {@code toString}, and the comparison says so.
 */
public interface Differ {

    /** Compares the control's value with a candidate's. */
    Comparison compare(@Nullable Object control, @Nullable Object candidate);

    /** The published form of a (cleaned) value: JSON text, redacted and capped. */
    PublishedValue publish(@Nullable Object value);
}
