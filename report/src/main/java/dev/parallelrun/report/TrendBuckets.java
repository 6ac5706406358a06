package dev.parallelrun.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One experiment's trend while reading. Differences of summaries and mismatching results are added to buckets
 * of a second, made coarser along {@link #WIDTHS} whenever there would be more than {@link #MAX_BUCKETS} of them,
 * so memory stays bounded however long the data spans. {@link #trend(int)} then picks the width of the points from
 * the time span (at most {@link #MAX_BARS} points below a day) and from how often the data came: buckets finer
 * than the interval between one JVM's summaries would be mostly empty, so the width is at least that interval,
 * up to an hour.
 */
final class TrendBuckets {

    /** Bucket widths in seconds, each a multiple of the one before, so coarsening adds whole buckets. */
    static final long[] WIDTHS = {1, 5, 10, 30, 60, 300, 600, 1_800, 3_600, 86_400};

    private static final long HOUR = 3_600;
    private static final long DAY = 86_400;
    /** At most this many points when they are shorter than a day: 72 hours are shown as hours. */
    static final int MAX_BARS = 72;

    private static final int MAX_BUCKETS = 90 * 24;
    private static final int MAX_DAYS = 100 * 366;
    private static final int COMPARED = 0;
    private static final int MISMATCHES = 1;
    private static final int MISMATCH_RESULTS = 2;
    private static final int SUMMARIES = 3;
    private static final int SIZE = 4;

    private NavigableMap<Long, long[]> buckets = new TreeMap<>();
    private int widthIndex;
    private boolean hasRates;

    /** The difference between two consecutive summaries of one JVM, at the later one's time. */
    void summary(Instant time, long compared, long mismatches) {
        if (compared > 0) {
            hasRates = true;
        }
        long[] bucket = bucket(time);
        if (bucket != null) {
            bucket[COMPARED] += compared;
            bucket[MISMATCHES] += mismatches;
            bucket[SUMMARIES]++;
        }
    }

    /** A candidate of a result line that mismatched or whose comparison failed. */
    void mismatchResult(Instant time) {
        long[] bucket = bucket(time);
        if (bucket != null) {
            bucket[MISMATCH_RESULTS]++;
        }
    }

    private long @Nullable [] bucket(Instant time) {
        long key = Math.floorDiv(time.getEpochSecond(), width());
        long[] bucket = buckets.get(key);
        if (bucket == null) {
            if (width() < DAY && buckets.size() >= MAX_BUCKETS) {
                coarsen();
                return bucket(time);
            }
            if (buckets.size() >= MAX_DAYS) {
                return null; // a century of days: the chart cannot show more anyway
            }
            bucket = new long[SIZE];
            buckets.put(key, bucket);
        }
        return bucket;
    }

    private long width() {
        return WIDTHS[widthIndex];
    }

    private void coarsen() {
        long from = width();
        widthIndex++;
        buckets = regroup(buckets, from, width());
    }

    private static NavigableMap<Long, long[]> regroup(NavigableMap<Long, long[]> buckets, long from, long to) {
        TreeMap<Long, long[]> coarser = new TreeMap<>();
        for (Map.Entry<Long, long[]> bucket : buckets.entrySet()) {
            coarser.merge(Math.floorDiv(bucket.getKey() * from, to), bucket.getValue(), Counts::add);
        }
        return coarser;
    }

    /** The trend; {@code jvms} is how many JVMs wrote the summaries, each at its own interval. */
    Trend trend(int jvms) {
        if (buckets.isEmpty()) {
            return Trend.empty();
        }
        long stored = width();
        long span = (buckets.lastKey() - buckets.firstKey()) * stored;
        long width = Math.max(fitting(span), Math.max(resolution(span, Math.max(1, jvms)), stored));
        NavigableMap<Long, long[]> points = regroup(buckets, stored, width);
        long first = points.firstKey();
        long count = points.lastKey() - first + 1;
        long perPoint = (count + Trend.MAX_POINTS - 1) / Trend.MAX_POINTS;
        if (perPoint > 1) {
            points = regroup(points, 1, perPoint);
            width *= perPoint;
            first = points.firstKey();
            count = points.lastKey() - first + 1;
        }
        List<Trend.Point> list = new ArrayList<>((int) count);
        for (long key = first; key <= points.lastKey(); key++) {
            long[] sums = points.getOrDefault(key, new long[SIZE]);
            list.add(new Trend.Point(
                    Instant.ofEpochSecond(key * width), sums[COMPARED], sums[MISMATCHES], sums[MISMATCH_RESULTS]));
        }
        return new Trend(Duration.ofSeconds(width), list, hasRates);
    }

    /** The finest width that shows {@code span} seconds in at most {@link #MAX_BARS} points, else a day. */
    private static long fitting(long span) {
        for (long width : WIDTHS) {
            if (width < DAY && span / width + 1 <= MAX_BARS) {
                return width;
            }
        }
        return DAY;
    }

    /**
     * The interval at which the shown data came, rounded up to a width and at most an hour: with rates, the
     * time the summaries span over the number each JVM wrote (JVMs write at the same interval, each at its own
     * moments); without, the time the mismatching results span over the buckets that hold some. The whole span
     * when there is only one point.
     */
    private long resolution(long span, int jvms) {
        int series = hasRates ? SUMMARIES : MISMATCH_RESULTS;
        long first = -1;
        long last = -1;
        long points = 0;
        for (Map.Entry<Long, long[]> bucket : buckets.entrySet()) {
            long count = bucket.getValue()[series];
            if (count == 0) {
                continue;
            }
            if (first < 0) {
                first = bucket.getKey();
            }
            last = bucket.getKey();
            points += hasRates ? count : 1;
        }
        if (hasRates) {
            points /= jvms;
        }
        long wanted = Math.min(HOUR, points > 1 ? (last - first) * width() / (points - 1) : span);
        for (long width : WIDTHS) {
            if (width >= wanted) {
                return width;
            }
        }
        return HOUR;
    }
}
