package dev.parallelrun.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a candidate must show before the migration can cut over to it. The defaults follow migration
 * practice: fewer than 0.1% mismatches over at least 1,000 compared samples, fewer than 1% candidate
 * errors, and a candidate p99 at most twice the control's.
 *
 * @param minComparedSamples how many compared samples (match, mismatch, ignored, comparison failed)
 *     are needed before a verdict means anything
 * @param maxMismatchRate the mismatch rate must be below this
 * @param maxErrorRate the candidate error rate must be below this
 * @param maxP99Ratio the candidate's p99 divided by the control's must be at most this
 */
public record ReadinessCriteria(long minComparedSamples, double maxMismatchRate, double maxErrorRate, double maxP99Ratio) {

    private static final ReadinessCriteria DEFAULTS = new ReadinessCriteria(1_000, 0.001, 0.01, 2.0);

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
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + rate);
        }
    }

    /** The defaults: 1,000 samples, mismatch rate below 0.1%, error rate below 1%, p99 ratio at most 2. */
    public static ReadinessCriteria defaults() {
        return DEFAULTS;
    }

    /**
     * The verdict for these figures.
     *
     * @param compared compared samples
     * @param mismatchRate mismatches (and failed comparisons) over compared samples
     * @param errorRate candidate errors over candidate runs
     * @param p99Ratio candidate p99 over control p99, {@code NaN} when unknown
     */
    public Readiness evaluate(long compared, double mismatchRate, double errorRate, double p99Ratio) {
        List<Readiness.Check> checks = new ArrayList<>(4);
        checks.add(new Readiness.Check("samples", "at least " + minComparedSamples + " compared",
                Long.toString(compared), compared >= minComparedSamples));
        checks.add(new Readiness.Check("mismatch rate", "below " + percent(maxMismatchRate),
                percent(mismatchRate), compared > 0 && mismatchRate < maxMismatchRate));
        checks.add(new Readiness.Check("candidate error rate", "below " + percent(maxErrorRate),
                percent(errorRate), !(errorRate >= maxErrorRate)));
        checks.add(new Readiness.Check("p99 latency ratio", "at most " + ratio(maxP99Ratio) + "x the control",
                Double.isNaN(p99Ratio) ? "unknown" : ratio(p99Ratio) + "x", p99Ratio <= maxP99Ratio));
        return new Readiness(checks);
    }

    static String percent(double rate) {
        return Double.isNaN(rate) ? "unknown" : String.format(Locale.ROOT, "%.3f%%", rate * 100);
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }
}
