package dev.parallelrun.report;

import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.ReadinessCriteria;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place the report calls experiment-api's readiness code, so that its verdicts are the engine's own, with
 * the same latency floor, skipped share and inconclusive status: {@link ReadinessCriteria} and
 * {@link ReadinessCriteria#evaluate(ReadinessCriteria.Figures)}.
 */
final class EngineReadiness {

    private EngineReadiness() {}

    /** The engine's default criteria. */
    static Criteria defaults() {
        ReadinessCriteria defaults = ReadinessCriteria.defaults();
        return new Criteria(
                defaults.minComparedSamples(),
                defaults.maxMismatchRate(),
                defaults.maxErrorRate(),
                defaults.maxP99Ratio(),
                defaults.latencyFloor().toNanos(),
                defaults.maxSkippedShare());
    }

    /** The engine's verdict over {@code totals}: every check, and the status the engine would give. */
    static Verdict judge(Criteria criteria, Totals totals) {
        Readiness readiness = engine(criteria).evaluate(figures(totals));
        List<Verdict.Check> checks = new ArrayList<>(readiness.checks().size());
        for (Readiness.Check check : readiness.checks()) {
            checks.add(new Verdict.Check(
                    check.criterion(), check.requirement(), check.actual(), check.passed(), check.note()));
        }
        return new Verdict(Verdict.Status.valueOf(readiness.status().name()), checks, false);
    }

    private static ReadinessCriteria engine(Criteria criteria) {
        return ReadinessCriteria.defaults()
                .withMinComparedSamples(criteria.minComparedSamples())
                .withMaxMismatchRate(criteria.maxMismatchRate())
                .withMaxErrorRate(criteria.maxErrorRate())
                .withMaxP99Ratio(criteria.maxP99Ratio())
                .withLatencyFloor(Duration.ofNanos(criteria.latencyFloorNanos()))
                .withMaxSkippedShare(criteria.maxSkippedShare());
    }

    private static ReadinessCriteria.Figures figures(Totals totals) {
        var candidate = totals.all().latency();
        var control = totals.control();
        return new ReadinessCriteria.Figures(
                totals.all().compared(),
                totals.all().mismatchRate(),
                totals.all().errorRate(),
                candidate.count() == 0 ? null : candidate.p99(),
                control.count() == 0 ? null : control.p99(),
                totals.skippedShare());
    }
}
