package dev.parallelrun.experiment;

/**
 * How far apart two numbers may be and still match: {@code |a - b| <= absolute} or
 * {@code |a - b| <= relative * max(|a|, |b|)}.
 *
 * @param absolute the largest absolute difference that matches, at least 0
 * @param relative the largest difference relative to the larger magnitude that matches, at least 0
 */
public record Tolerance(double absolute, double relative) {

    /** Checks the parts. */
    public Tolerance {
        if (!(absolute >= 0) || Double.isInfinite(absolute)) {
            throw new IllegalArgumentException("tolerance: absolute must be a finite number >= 0, was " + absolute);
        }
        if (!(relative >= 0) || Double.isInfinite(relative)) {
            throw new IllegalArgumentException("tolerance: relative must be a finite number >= 0, was " + relative);
        }
    }

    /** Numbers within {@code absolute} of each other match. */
    public static Tolerance absolute(double absolute) {
        return new Tolerance(absolute, 0);
    }

    /** Numbers within {@code relative} times the larger magnitude match. */
    public static Tolerance relative(double relative) {
        return new Tolerance(0, relative);
    }

    /** True when {@code a} and {@code b} are within this tolerance. */
    public boolean accepts(double a, double b) {
        if (a == b) {
            return true;
        }
        double gap = Math.abs(a - b);
        return gap <= absolute || gap <= relative * Math.max(Math.abs(a), Math.abs(b));
    }
}
