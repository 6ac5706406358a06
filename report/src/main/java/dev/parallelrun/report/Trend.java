package dev.parallelrun.report;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The mismatch rate over time, in buckets whose width fits the time the data spans: from a second (a run of
 * a minute) through minutes to an hour (up to three days), else a day (or several days, so that there are at
 * most {@value #MAX_POINTS} points). A bucket is never finer than the interval at which the summaries came
 * (up to an hour), so that most buckets hold data. Buckets without data are present, with zero counts, so the
 * points are evenly spaced.
 *
 * <p>From summary lines, each bucket holds the difference between consecutive summaries of each JVM that
 * fell in it, so its rate is the engine's mismatch rate over the calls of that bucket. Without summary lines
 * only the count of mismatching results is known ({@link #hasRates()} is false).
 *
 * @param bucket the width of one point
 * @param points the points, oldest first
 * @param hasRates true when summary lines gave compared counts, so rates mean something
 */
public record Trend(Duration bucket, List<Point> points, boolean hasRates) {

    /** At most this many points. */
    public static final int MAX_POINTS = 200;

    /**
     * One bucket.
     *
     * @param start the bucket's start
     * @param compared compared candidate results (from summary lines)
     * @param mismatches mismatches and failed comparisons among them (from summary lines)
     * @param mismatchResults result lines' candidates that mismatched or failed comparison
     */
    public record Point(Instant start, long compared, long mismatches, long mismatchResults) {
        /** Checks the parts. */
        public Point {
            requireNonNull(start, "start");
        }

        /** {@code mismatches / compared}, {@code NaN} when nothing was compared. */
        public double rate() {
            return compared == 0 ? Double.NaN : (double) mismatches / compared;
        }
    }

    /** Checks the parts and copies the list. */
    public Trend {
        requireNonNull(bucket, "bucket");
        points = List.copyOf(points);
    }

    /** A trend with no point. */
    public static Trend empty() {
        return new Trend(Duration.ofHours(1), List.of(), false);
    }
}
