package dev.parallelrun.runtime.diff;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.Diff;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Differ} found.
 *
 * @param diff the differences that count, with ignored paths left out
 * @param ignored how many differences lay at ignored paths
 * @param fallbackCause why a value could not be turned into a tree, when the comparison fell back to
 *     {@code equals} and {@code toString}; else {@code null}
 */
public record Comparison(Diff diff, int ignored, @Nullable Throwable fallbackCause) {

    private static final Comparison EQUAL = new Comparison(Diff.none(), 0, null);

    /** Checks the parts. */
    public Comparison {
        requireNonNull(diff, "diff");
        if (ignored < 0) {
            throw new IllegalArgumentException("ignored must be >= 0, was " + ignored);
        }
    }

    /** No difference at all. */
    public static Comparison equal() {
        return EQUAL;
    }

    /** True when nothing differs, ignored paths included. */
    public boolean isEqual() {
        return diff.isEmpty() && ignored == 0;
    }

    /** True when something differs, but only at ignored paths. */
    public boolean onlyIgnored() {
        return diff.isEmpty() && ignored > 0;
    }
}
