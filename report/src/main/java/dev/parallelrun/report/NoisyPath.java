package dev.parallelrun.report;

import static java.util.Objects.requireNonNull;

/**
 * A path that differs on nearly every compared call: usually a clock, a generated id or a random order,
 * which hides the real mismatches behind it.
 *
 * @param path the RFC 6901 pointer, array indices folded to {@code *}
 * @param differing mismatching candidate results in which it differs
 * @param compared compared candidate results in the same window (from summary lines)
 */
public record NoisyPath(String path, long differing, long compared) {

    /** Checks the parts. */
    public NoisyPath {
        requireNonNull(path, "path");
    }

    /** {@code differing / compared}, at most 1. */
    public double share() {
        return compared == 0 ? Double.NaN : Math.min(1.0, (double) differing / compared);
    }

    /** The line to paste into the experiment's builder: {@code .ignorePaths("/quotedAt")}. */
    public String suggestion() {
        return ".ignorePaths(" + Text.javaString(path) + ")";
    }
}
