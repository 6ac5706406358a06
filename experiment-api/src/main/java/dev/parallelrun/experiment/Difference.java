package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One difference between the control's value and a candidate's, as an RFC 6902 operation at an
 * RFC 6901 pointer. Applying a result's differences in order to the control's tree gives the
 * candidate's tree (when the result is not truncated).
 *
 * <p>Values are JSON text, already cleaned, redacted and capped: safe to publish as they are.
 *
 * @param op the operation kind
 * @param path RFC 6901 pointer ({@code ~0} and {@code ~1} escaped); {@code ""} is the whole value
 * @param value JSON of the candidate's value at {@code path}; {@code null} for {@code remove}
 * @param previous JSON of the control's value at {@code path}; {@code null} for {@code add}
 * @param textDiff for long strings, a line or word diff for display; else {@code null}
 */
public record Difference(
        Operation op,
        String path,
        @Nullable String value,
        @Nullable String previous,
        @Nullable String textDiff) {

    /** Checks the parts. */
    public Difference {
        requireNonNull(op, "op");
        requireNonNull(path, "path");
    }

    /** {@code op path}, for instance {@code replace /lines/3/discount}. */
    public String describe() {
        return op.rfcName() + " " + (path.isEmpty() ? "(root)" : path);
    }

    @Override
    public String toString() {
        return switch (op) {
            case ADD -> describe() + " " + value;
            case REMOVE -> describe() + " (was " + previous + ")";
            case REPLACE -> describe() + " " + previous + " -> " + value;
        };
    }
}
