package dev.parallelrun.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One experiment's trend while reading: buckets of an hour, turned into days past 90 days of hours. */
final class TrendBuckets {
    private static final long HOUR = 3_600;
    private static final long DAY = 86_400;
    private static final int MAX_HOURS = 90 * 24;
    private static final int MAX_DAYS = 100 * 366;

    private TreeMap<Long, long[]> buckets = new TreeMap<>();
    private long width = HOUR;
    private boolean hasRates;

    void add(Instant time, long compared, long mismatches, long mismatchResults) {
        if (compared > 0) {
            hasRates = true;
        }
        long key = Math.floorDiv(time.getEpochSecond(), width);
        long[] bucket = buckets.get(key);
        if (bucket == null) {
            if (width == HOUR && buckets.size() >= MAX_HOURS) {
                toDays();
                add(time, compared, mismatches, mismatchResults);
                return;
            }
            if (buckets.size() >= MAX_DAYS) {
                return; // a century of days: the chart cannot show more anyway
            }
            bucket = new long[3];
            buckets.put(key, bucket);
        }
        bucket[0] += compared;
        bucket[1] += mismatches;
        bucket[2] += mismatchResults;
    }

    private void toDays() {
        TreeMap<Long, long[]> days = new TreeMap<>();
        for (Map.Entry<Long, long[]> hour : buckets.entrySet()) {
            days.merge(Math.floorDiv(hour.getKey() * HOUR, DAY), hour.getValue(), Counts::add);
        }
        buckets = days;
        width = DAY;
    }

    Trend trend() {
        if (buckets.isEmpty()) {
            return Trend.empty();
        }
        if (width == HOUR && (buckets.lastKey() - buckets.firstKey()) >= 72) {
            toDays();
        }
        long first = buckets.firstKey();
        long span = buckets.lastKey() - first + 1;
        long perPoint = (span + Trend.MAX_POINTS - 1) / Trend.MAX_POINTS;
        long start = Math.floorDiv(first, perPoint) * perPoint;
        int count = (int) ((buckets.lastKey() - start) / perPoint + 1);
        long[][] sums = new long[count][3];
        for (Map.Entry<Long, long[]> bucket : buckets.entrySet()) {
            long[] sum = sums[(int) ((bucket.getKey() - start) / perPoint)];
            for (int i = 0; i < 3; i++) {
                sum[i] += bucket.getValue()[i];
            }
        }
        List<Trend.Point> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            points.add(new Trend.Point(Instant.ofEpochSecond((start + i * perPoint) * width), sums[i][0],
                    sums[i][1], sums[i][2]));
        }
        return new Trend(Duration.ofSeconds(width * perPoint), points, hasRates);
    }
}
