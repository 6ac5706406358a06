package dev.parallelrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendBucketsTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void aThirtySecondRunWithASummaryEverySecondIsShownBySecond() {
        TrendBuckets buckets = new TrendBuckets();
        for (int second = 1; second <= 30; second++) {
            buckets.summary(START.plusSeconds(second), 10, second % 7 == 0 ? 1 : 0);
        }

        Trend trend = buckets.trend(1);

        assertThat(trend.bucket()).isEqualTo(Duration.ofSeconds(1));
        assertThat(trend.points()).hasSize(30);
        List<String> labels = trend.points().stream()
                .map(p -> Format.bucket(p.start(), trend.bucket()))
                .toList();
        assertThat(labels).doesNotHaveDuplicates().first().isEqualTo("2026-11-25 10:00:01 UTC");
        assertThat(trend.points().get(6).rate()).isEqualTo(0.1);
    }

    @Test
    void bucketsAreNeverFinerThanTheIntervalOfTheSummaries() {
        TrendBuckets buckets = new TrendBuckets();
        for (int minute = 0; minute < 10; minute++) {
            buckets.summary(START.plusSeconds(60L * minute + 30), 100, minute);
        }

        Trend trend = buckets.trend(1);

        assertThat(trend.bucket()).isEqualTo(Duration.ofMinutes(1));
        assertThat(trend.points())
                .hasSize(10)
                .allSatisfy(point -> assertThat(point.compared()).isEqualTo(100));
    }

    @Test
    void aLongRunWithFrequentSummariesFitsInAtMostSeventyTwoPoints() {
        TrendBuckets buckets = new TrendBuckets();
        for (int second = 0; second < 6 * 3_600; second += 5) {
            buckets.summary(START.plusSeconds(second), 1, 0);
        }

        Trend trend = buckets.trend(1);

        assertThat(trend.bucket()).isEqualTo(Duration.ofMinutes(5));
        assertThat(trend.points()).hasSize(72);
        assertThat(trend.points().stream().mapToLong(Trend.Point::compared).sum())
                .isEqualTo(6 * 3_600 / 5);
    }

    @Test
    void mismatchesFromResultLinesAloneAreBucketedByTheirOwnInterval() {
        TrendBuckets buckets = new TrendBuckets();
        for (int i = 0; i < 20; i++) {
            buckets.mismatchResult(START.plusSeconds(10L * i));
        }

        Trend trend = buckets.trend(1);

        assertThat(trend.hasRates()).isFalse();
        assertThat(trend.bucket()).isEqualTo(Duration.ofSeconds(10));
        assertThat(trend.points()).extracting(Trend.Point::mismatchResults).containsOnly(1L);
    }

    @Test
    void summariesOfSeveralJvmsAtTheirOwnMomentsAreBucketedByEachJvmsInterval() {
        TrendBuckets buckets = new TrendBuckets();
        for (int minute = 0; minute < 30; minute++) {
            buckets.summary(START.plusSeconds(60L * minute), 10, 0);
            buckets.summary(START.plusSeconds(60L * minute + 1), 10, 0);
        }

        Trend trend = buckets.trend(2);

        assertThat(trend.bucket()).isEqualTo(Duration.ofMinutes(1));
        assertThat(trend.points())
                .hasSize(30)
                .allSatisfy(point -> assertThat(point.compared()).isEqualTo(20));
    }

    @Test
    void oneSummaryIsOnePoint() {
        TrendBuckets buckets = new TrendBuckets();
        buckets.summary(START, 5, 1);

        assertThat(buckets.trend(1).points()).hasSize(1);
    }

    @Test
    void manyDistinctSecondsAreFoldedIntoCoarserBucketsWithoutLosingCounts() {
        TrendBuckets buckets = new TrendBuckets();
        for (int second = 0; second < 3 * 86_400; second += 7) {
            buckets.mismatchResult(START.plusSeconds(second));
        }

        Trend trend = buckets.trend(1);

        assertThat(trend.points().stream()
                        .mapToLong(Trend.Point::mismatchResults)
                        .sum())
                .isEqualTo((3 * 86_400 + 6) / 7);
        assertThat(trend.points()).hasSizeLessThanOrEqualTo(TrendBuckets.MAX_BARS);
    }
}
