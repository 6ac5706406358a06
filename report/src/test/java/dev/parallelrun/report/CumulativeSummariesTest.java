package dev.parallelrun.report;

import static dev.parallelrun.report.JsonLinesGenerator.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.experiment.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property-style: for random fleets of JVMs writing cumulative summaries, spread over rotated files and mixed in
 * one file, the totals are the sum over JVMs of the last summary (minus the last one before the window), and the
 * trend's buckets add up to the totals with each difference in the bucket of the summary that carried it. The
 * seed is in every assertion's description; rerun one with {@code -Dreport.seed=N}.
 */
class CumulativeSummariesTest {

    private static final Instant START = Instant.parse("2026-11-24T00:00:00Z");

    @TempDir
    Path dir;

    static LongStream seeds() {
        String fixed = System.getProperty("report.seed");
        if (fixed != null) {
            return LongStream.of(Long.parseLong(fixed));
        }
        long base = new Random().nextLong();
        return LongStream.range(0, 20).map(i -> base + i);
    }

    private record Point(Instant time, long[] counts) {}

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void totalsAndTrendAgreeWithTheLastSummaryOfEachJvm(long seed) throws IOException {
        Random random = new Random(seed);
        int jvms = 1 + random.nextInt(5);
        Map<String, List<Point>> fleet = new HashMap<>();
        List<List<String>> files = new ArrayList<>();
        List<String> mixed = new ArrayList<>();
        for (int j = 0; j < jvms; j++) {
            String jvm = "jvm-" + j;
            long[] counts = new long[Outcome.values().length];
            Instant time = START.plusSeconds(random.nextInt(3_600));
            List<Point> points = new ArrayList<>();
            int summaries = 1 + random.nextInt(8);
            for (int s = 0; s < summaries; s++) {
                counts = counts.clone();
                for (int o = 0; o < counts.length; o++) {
                    counts[o] += random.nextInt(o == 0 ? 500 : 5);
                }
                points.add(new Point(time, counts));
                time = time.plusSeconds(60 + random.nextInt(5 * 3_600));
            }
            fleet.put(jvm, points);
            List<String> lines = new ArrayList<>();
            for (Point point : points) {
                lines.add(line(jvm, point));
            }
            if (random.nextBoolean()) {
                int cut = random.nextInt(lines.size() + 1); // a rotated file: the older part first
                files.add(lines.subList(0, cut));
                files.add(lines.subList(cut, lines.size()));
            } else {
                int at = 0;
                for (String line : lines) { // mixed with other JVMs' lines, its own order kept
                    at = at + random.nextInt(mixed.size() - at + 1);
                    mixed.add(at++, line);
                }
            }
        }
        files.add(mixed);
        List<Path> paths = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            Path file = dir.resolve(String.format("%03d.jsonl", f));
            JsonLinesGenerator.write(file, files.get(f));
            paths.add(file);
        }
        Instant since = random.nextBoolean() ? null : START.plusSeconds(random.nextInt(24 * 3_600));

        Summary summary = ReportReader.builder()
                .filter(new ReadFilter(Set.of(), since, null))
                .build()
                .read(paths);

        long[] expected = new long[Outcome.values().length];
        Map<Instant, long[]> expectedPoints = new HashMap<>();
        for (List<Point> points : fleet.values()) {
            long[] before = new long[expected.length];
            for (Point point : points) {
                if (since != null && point.time().isBefore(since)) {
                    before = point.counts();
                    continue;
                }
                long[] sums = expectedPoints.computeIfAbsent(point.time(), t -> new long[2]);
                for (int o = 0; o < expected.length; o++) {
                    long delta = point.counts()[o] - before[o];
                    expected[o] += delta;
                    if (o != Outcome.TIMED_OUT.ordinal() && o != Outcome.SKIPPED.ordinal()) {
                        sums[0] += delta;
                    }
                    if (o == Outcome.MISMATCH.ordinal() || o == Outcome.COMPARISON_FAILED.ordinal()) {
                        sums[1] += delta;
                    }
                }
                before = point.counts();
            }
        }
        String why = "seed " + seed;
        if (summary.experiments().isEmpty() || summary.experiments().get(0).totals() == null) {
            assertThat(expectedPoints).as(why).isEmpty();
            return;
        }
        ExperimentSummary experiment = summary.experiments().get(0);
        for (Outcome outcome : Outcome.values()) {
            assertThat(experiment.totals().all().count(outcome))
                    .as(why + ", " + outcome)
                    .isEqualTo(expected[outcome.ordinal()]);
        }
        Trend trend = experiment.trend();
        long compared = trend.points().stream().mapToLong(Trend.Point::compared).sum();
        long mismatches =
                trend.points().stream().mapToLong(Trend.Point::mismatches).sum();
        assertThat(compared).as(why).isEqualTo(experiment.totals().all().compared());
        assertThat(mismatches)
                .as(why)
                .isEqualTo(expected[Outcome.MISMATCH.ordinal()] + expected[Outcome.COMPARISON_FAILED.ordinal()]);
        long bucketSeconds = trend.bucket().toSeconds();
        Map<Long, long[]> expectedBuckets = new HashMap<>();
        expectedPoints.forEach((time, sums) -> {
            long[] bucket = expectedBuckets.computeIfAbsent(
                    Math.floorDiv(time.getEpochSecond(), bucketSeconds), b -> new long[2]);
            bucket[0] += sums[0];
            bucket[1] += sums[1];
        });
        for (Trend.Point point : trend.points()) {
            assertThat(point.start().getEpochSecond() % bucketSeconds)
                    .as(why + ", aligned")
                    .isZero();
            long[] sums = expectedBuckets.getOrDefault(point.start().getEpochSecond() / bucketSeconds, new long[2]);
            assertThat(new long[] {point.compared(), point.mismatches()})
                    .as(why + ", bucket " + point.start())
                    .containsExactly(sums);
        }
        assertThat(summary.read().outOfOrderSummaries()).as(why).isZero();
    }

    private static String line(String jvm, Point point) {
        JsonLinesGenerator.SummaryLine line = summary("fleet", jvm, point.time());
        long sampled = 0;
        for (Outcome outcome : Outcome.values()) {
            line.outcome(outcome, point.counts()[outcome.ordinal()]);
            sampled += point.counts()[outcome.ordinal()];
        }
        return line.sampled(sampled).line();
    }
}
