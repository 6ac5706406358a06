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

    /**
     * How the trees of two values compare with no option in play, for values whose {@code equals} says they
     * differ: whether their published forms could tell them apart at all.
     */
    TreeMatch sameTree(@Nullable Object control, @Nullable Object candidate);

    /** What {@link #sameTree} found. */
    enum TreeMatch {
        /** The trees are identical, numbers with their type and scale: the difference is not in the tree. */
        IDENTICAL,
        /** The trees differ only in how numbers are written ({@code 1} and {@code 1.0}, {@code 1.10} and {@code 1.1}). */
        SAME_NUMBERS_BY_VALUE,
        /** The trees differ. */
        DIFFERENT,
        /** A value has no tree: nothing can be said. */
        UNKNOWN
    }
}
