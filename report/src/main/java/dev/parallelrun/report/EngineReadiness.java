package dev.parallelrun.report;

import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.ReadinessCriteria;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place the report calls experiment-api's readiness code, so that its verdicts are the engine's own:
 * {@link ReadinessCriteria#defaults()}, the {@link ReadinessCriteria} constructor and
 * {@link ReadinessCriteria#evaluate}. Everything the engine's verdict does not cover in this API (the latency
 * floor, the skipped share, the inconclusive status) is the report's, in {@link Verdicts}.
 */
final class EngineReadiness {

    private EngineReadiness() {}

    /** The engine's default criteria; no latency floor, and the default skipped share. */
    static Criteria defaults() {
        ReadinessCriteria defaults = ReadinessCriteria.defaults();
        return new Criteria(defaults.minComparedSamples(), defaults.maxMismatchRate(), defaults.maxErrorRate(),
                defaults.maxP99Ratio(), 0, Criteria.DEFAULT_MAX_SKIPPED_SHARE);
    }

    /**
     * The engine's checks for these figures: samples, mismatch rate, candidate error rate, p99 latency ratio.
     *
     * @param p99Ratio candidate p99 over control p99, {@code NaN} when unknown
     */
    static List<Verdict.Check> evaluate(Criteria criteria, long compared, double mismatchRate, double errorRate,
            double p99Ratio) {
        Readiness readiness = new ReadinessCriteria(criteria.minComparedSamples(), criteria.maxMismatchRate(),
                criteria.maxErrorRate(), criteria.maxP99Ratio())
                .evaluate(compared, mismatchRate, errorRate, p99Ratio);
        List<Verdict.Check> checks = new ArrayList<>(readiness.checks().size());
        for (Readiness.Check check : readiness.checks()) {
            checks.add(new Verdict.Check(check.criterion(), check.requirement(), check.actual(), check.passed(),
                    null));
        }
        return checks;
    }
}
