package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a candidate's value differs from the control's.
 *
 * @param differences the differences, at most the experiment's cap; unmodifiable
 * @param total how many differences there were before the cap
 * @param signature a stable hash of the sorted set of {@code op path} pairs with array indices folded
 *     to {@code *}: mismatches with the same signature are the same edge case. Empty when there is no
 *     difference
 * @param structural false when a value could not be turned into a tree and the comparison fell back to
 *     {@code equals} and {@code toString}
 * @param note why the comparison fell back, or what else a reader should know; else {@code null}
 */
public record Diff(
        List<Difference> differences,
        int total,
        String signature,
        boolean structural,
        @Nullable String note) {

    private static final Diff NONE = new Diff(List.of(), 0, "", true, null);

    /** Checks the parts and copies the list. */
    public Diff {
        differences = List.copyOf(differences);
        requireNonNull(signature, "signature");
        if (total < differences.size()) {
            throw new IllegalArgumentException("total " + total + " < " + differences.size() + " differences");
        }
    }

    /** No difference. */
    public static Diff none() {
        return NONE;
    }

    /** True when there is no difference. */
    public boolean isEmpty() {
        return total == 0;
    }

    /** True when some differences were left out by the cap. */
    public boolean truncated() {
        return total > differences.size();
    }
}
