package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;

/**
 * Percentiles of one behavior's wall-clock durations (from an HdrHistogram with 3 significant digits).
 *
 * @param count how many durations were recorded
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param max the longest
 */
public record LatencySummary(long count, Duration p50, Duration p90, Duration p99, Duration max) {

    private static final LatencySummary EMPTY =
            new LatencySummary(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /** Checks the parts. */
    public LatencySummary {
        requireNonNull(p50, "p50");
        requireNonNull(p90, "p90");
        requireNonNull(p99, "p99");
        requireNonNull(max, "max");
    }

    /** Nothing recorded. */
    public static LatencySummary empty() {
        return EMPTY;
    }

    /**
     * {@code duration} as a person reads it: {@code 180 ns}, {@code 41.2 µs}, {@code 3.05 ms}, {@code 1.20 s}.
     */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return three(nanos / 1e3) + " µs";
        }
        if (nanos < 1_000_000_000) {
            return three(nanos / 1e6) + " ms";
        }
        return three(nanos / 1e9) + " s";
    }

    private static String three(double value) {
        // three significant digits: 41.2, 305, 3.05
        String pattern = value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, value);
    }

    @Override
    public String toString() {
        return count == 0
                ? "no data"
                : "p50 " + format(p50) + ", p90 " + format(p90) + ", p99 " + format(p99) + ", max " + format(max) + " ("
                        + count + ")";
    }

    /**
     * {@code this.p(q) / baseline.p(q)} for {@code q} 50 or 99, or {@code NaN} when either side has no
     * data or the baseline's percentile is zero.
     */
    public double ratioTo(LatencySummary baseline, int percentile) {
        Duration mine = percentile == 50 ? p50 : percentile == 99 ? p99 : null;
        Duration theirs = percentile == 50 ? baseline.p50 : percentile == 99 ? baseline.p99 : null;
        if (mine == null || theirs == null) {
            throw new IllegalArgumentException("percentile must be 50 or 99, was " + percentile);
        }
        if (count == 0 || baseline.count == 0 || theirs.isZero()) {
            return Double.NaN;
        }
        return (double) mine.toNanos() / theirs.toNanos();
    }
}
