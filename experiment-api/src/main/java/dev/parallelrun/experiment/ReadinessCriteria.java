package dev.parallelrun.experiment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a candidate must show before the migration can cut over to it. The defaults follow migration practice:
 * fewer than 0.1% mismatches over at least 1,000 compared samples, fewer than 1% candidate errors, and a
 * candidate p99 at most twice the control's. Two more criteria keep the verdict honest:
 * <ul>
 *   <li>a <b>latency floor</b> (default 1 ms): the p99 ratio fails only when the candidate's p99 also exceeds the
 *       control's by more than the floor. Sub-millisecond latencies on a busy machine are scheduling noise: two
 *       identical functions can measure 1.5x apart, or 13x;</li>
 *   <li>a <b>largest skipped share</b> (default 50%): when more of the sampled candidate runs were skipped than
 *       that (concurrency cap, runaways, pause), the verdict is {@link Readiness.Status#INCONCLUSIVE}, whatever the
 *       compared few say.</li>
 * </ul>
 *
 * {@snippet :
 * lab.experiment("pricing-v2", Price.class)
 *         .readiness(ReadinessCriteria.defaults().withMinComparedSamples(10_000).withLatencyFloor(Duration.ofMillis(5)))
 *         .build();
 * }
 *
 * @param minComparedSamples how many compared samples (match, mismatch, ignored, comparison failed) are needed
 *     before a verdict means anything
 * @param maxMismatchRate the mismatch rate must be below this
 * @param maxErrorRate the candidate error rate must be below this
 * @param maxP99Ratio the candidate's p99 divided by the control's must be at most this (unless within the floor)
 * @param latencyFloor a p99 above the ratio still passes when it exceeds the control's by at most this
 * @param maxSkippedShare above this share of skipped candidate runs the verdict is inconclusive
 */
public record ReadinessCriteria(
        long minComparedSamples,
        double maxMismatchRate,
        double maxErrorRate,
        double maxP99Ratio,
        Duration latencyFloor,
        double maxSkippedShare) {

    /** Default {@link #latencyFloor()}. */
    public static final Duration DEFAULT_LATENCY_FLOOR = Duration.ofMillis(1);

    private static final ReadinessCriteria DEFAULTS =
            new ReadinessCriteria(1_000, 0.001, 0.01, 2.0, DEFAULT_LATENCY_FLOOR, 0.5);

    /** Checks the parts. */
    public ReadinessCriteria {
        if (minComparedSamples < 1) {
            throw new IllegalArgumentException("minComparedSamples must be at least 1, was " + minComparedSamples);
        }
        checkRate("maxMismatchRate", maxMismatchRate);
        checkRate("maxErrorRate", maxErrorRate);
        if (!(maxP99Ratio > 0) || Double.isInfinite(maxP99Ratio)) {
            throw new IllegalArgumentException("maxP99Ratio must be a positive number, was " + maxP99Ratio);
        }
        if (latencyFloor == null || latencyFloor.isNegative()) {
            throw new IllegalArgumentException("latencyFloor must be zero or positive, was " + latencyFloor);
        }
        checkRate("maxSkippedShare", maxSkippedShare);
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + rate);
        }
    }

    /**
     * The defaults: 1,000 samples, mismatch rate below 0.1%, error rate below 1%, p99 ratio at most 2 beyond a
     * 1 ms floor, at most half of the sampled runs skipped.
     */
    public static ReadinessCriteria defaults() {
        return DEFAULTS;
    }

    /** These criteria with another {@link #minComparedSamples()}. */
    public ReadinessCriteria withMinComparedSamples(long samples) {
        return new ReadinessCriteria(
                samples, maxMismatchRate, maxErrorRate, maxP99Ratio, latencyFloor, maxSkippedShare);
    }

    /** These criteria with another {@link #maxMismatchRate()}. */
    public ReadinessCriteria withMaxMismatchRate(double rate) {
        return new ReadinessCriteria(
                minComparedSamples, rate, maxErrorRate, maxP99Ratio, latencyFloor, maxSkippedShare);
    }

    /** These criteria with another {@link #maxErrorRate()}. */
    public ReadinessCriteria withMaxErrorRate(double rate) {
        return new ReadinessCriteria(
                minComparedSamples, maxMismatchRate, rate, maxP99Ratio, latencyFloor, maxSkippedShare);
    }

    /** These criteria with another {@link #maxP99Ratio()}. */
    public ReadinessCriteria withMaxP99Ratio(double ratio) {
        return new ReadinessCriteria(
                minComparedSamples, maxMismatchRate, maxErrorRate, ratio, latencyFloor, maxSkippedShare);
    }

    /** These criteria with another {@link #latencyFloor()}. */
    public ReadinessCriteria withLatencyFloor(Duration floor) {
        return new ReadinessCriteria(
                minComparedSamples, maxMismatchRate, maxErrorRate, maxP99Ratio, floor, maxSkippedShare);
    }

    /** These criteria with another {@link #maxSkippedShare()}. */
    public ReadinessCriteria withMaxSkippedShare(double share) {
        return new ReadinessCriteria(
                minComparedSamples, maxMismatchRate, maxErrorRate, maxP99Ratio, latencyFloor, share);
    }

    /**
     * What a verdict is judged on.
     *
     * @param compared compared samples
     * @param mismatchRate mismatches (and failed comparisons) over compared samples, {@code NaN} when none
     * @param errorRate candidate errors over candidate runs, {@code NaN} when none
     * @param candidateP99 the candidate's p99, or {@code null} when unknown
     * @param controlP99 the control's p99, or {@code null} when unknown
     * @param skippedShare skipped candidate runs over all sampled candidate runs, {@code NaN} when none
     */
    public record Figures(
            long compared,
            double mismatchRate,
            double errorRate,
            @Nullable Duration candidateP99,
            @Nullable Duration controlP99,
            double skippedShare) {}

    /** The verdict for these figures: one check per criterion, in a fixed order. */
    public Readiness evaluate(Figures figures) {
        List<Readiness.Check> checks = new ArrayList<>(5);
        long compared = figures.compared();
        checks.add(new Readiness.Check(
                "samples",
                "at least " + minComparedSamples + " compared",
                Long.toString(compared),
                compared >= minComparedSamples));
        double mismatchRate = figures.mismatchRate();
        checks.add(new Readiness.Check(
                "mismatch rate",
                "below " + percent(maxMismatchRate),
                percent(mismatchRate),
                compared > 0 && mismatchRate < maxMismatchRate));
        double errorRate = figures.errorRate();
        checks.add(new Readiness.Check(
                "candidate error rate",
                "below " + percent(maxErrorRate),
                percent(errorRate),
                !(errorRate >= maxErrorRate)));
        checks.add(latencyCheck(figures.candidateP99(), figures.controlP99()));
        double skipped = figures.skippedShare();
        boolean tooManySkipped = skipped > maxSkippedShare;
        checks.add(new Readiness.Check(
                "skipped share",
                "at most " + percent(maxSkippedShare) + " of sampled runs",
                percent(skipped),
                !tooManySkipped,
                tooManySkipped ? "most sampled runs were never compared: the verdict is inconclusive" : null));
        return new Readiness(checks, tooManySkipped ? Readiness.Status.INCONCLUSIVE : null);
    }

    private Readiness.Check latencyCheck(@Nullable Duration candidate, @Nullable Duration control) {
        String requirement = "at most " + ratio(maxP99Ratio) + "x the control (beyond a "
                + LatencySummary.format(latencyFloor) + " floor)";
        if (candidate == null || control == null || control.isZero()) {
            return new Readiness.Check("p99 latency ratio", requirement, "unknown", false);
        }
        double p99Ratio = (double) candidate.toNanos() / control.toNanos();
        String actual = ratio(p99Ratio) + "x (" + LatencySummary.format(candidate) + " vs "
                + LatencySummary.format(control) + ")";
        if (p99Ratio <= maxP99Ratio) {
            return new Readiness.Check("p99 latency ratio", requirement, actual, true);
        }
        boolean withinFloor = candidate.minus(control).compareTo(latencyFloor) <= 0;
        return new Readiness.Check(
                "p99 latency ratio",
                requirement,
                actual,
                withinFloor,
                withinFloor
                        ? "above the ratio but within the " + LatencySummary.format(latencyFloor)
                                + " floor, so it passes"
                        : null);
    }

    static String percent(double rate) {
        return Double.isNaN(rate) ? "unknown" : String.format(Locale.ROOT, "%.3f%%", rate * 100);
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }
}
