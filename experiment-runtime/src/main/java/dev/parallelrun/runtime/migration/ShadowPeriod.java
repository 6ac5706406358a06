package dev.parallelrun.runtime.migration;

import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.Candidates;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.ReadinessCriteria;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The readiness of the current SHADOW period. Each time the migration enters SHADOW, or a rollback is acknowledged
 * (the fix made since is what the verdict must judge), a period starts: its comparison
 * counts are the SHADOW experiment's since then (its counts at the start are subtracted, so mismatches fixed before a
 * rollback no longer weigh), while its latency percentiles are the experiment's whole history, since histograms cannot
 * be subtracted.
 */
final class ShadowPeriod {

    private final Experiment<?> shadow;
    private final Duration minDuration;
    private volatile @Nullable Period period;

    ShadowPeriod(Experiment<?> shadow, Duration minDuration) {
        this.shadow = shadow;
        this.minDuration = minDuration;
    }

    /** The start and the comparison counts at the start of one SHADOW period, and its new-side writes. */
    private record Period(Instant start, CandidateStats baseline, LongAdder writes, LongAdder failedWrites) {}

    /** The migration entered SHADOW at {@code at}. */
    void start(Instant at) {
        period = new Period(at, candidate(shadow.stats()), new LongAdder(), new LongAdder());
    }

    /** One write of the new side (the other write) in SHADOW. */
    void newWrite(boolean failed) {
        Period now = period;
        if (now != null) {
            now.writes().increment();
            if (failed) {
                now.failedWrites().increment();
            }
        }
    }

    Readiness evaluate(Stage stage, @Nullable StageChange rollback, Instant now) {
        ExperimentStats stats = shadow.stats();
        ReadinessCriteria criteria = stats.criteria();
        List<Readiness.Check> checks = new ArrayList<>();
        checks.add(new Readiness.Check("stage", "SHADOW", stage.name(), stage == Stage.SHADOW));
        checks.add(new Readiness.Check(
                "rollback",
                "none awaiting acknowledgement",
                rollback == null ? "none" : "since " + rollback.at() + ": " + rollback.reason(),
                rollback == null));
        Period current = period;
        CandidateStats compared = current == null ? empty() : minus(candidate(stats), current.baseline());
        Readiness reads = criteria.evaluate(new ReadinessCriteria.Figures(
                compared.compared(),
                compared.mismatchRate(),
                compared.errorRate(),
                compared.latency().count() == 0 ? null : compared.latency().p99(),
                stats.control().count() == 0 ? null : stats.control().p99(),
                compared.skippedShare()));
        checks.addAll(reads.checks());
        long writes = current == null ? 0 : current.writes().sum();
        long failed = current == null ? 0 : current.failedWrites().sum();
        double rate = writes == 0 ? 0 : (double) failed / writes;
        checks.add(new Readiness.Check(
                "new-side write failures",
                "below " + percent(criteria.maxErrorRate()),
                percent(rate) + " (" + failed + " of " + writes + ")",
                writes == 0 || rate < criteria.maxErrorRate()));
        Duration in = current == null ? Duration.ZERO : Duration.between(current.start(), now);
        checks.add(new Readiness.Check(
                "time in SHADOW",
                "at least " + describe(minDuration),
                current == null ? "never in SHADOW" : describe(in) + " since " + current.start(),
                current != null && in.compareTo(minDuration) >= 0));
        return new Readiness(checks, reads.inconclusive() ? Readiness.Status.INCONCLUSIVE : null);
    }

    /** The SHADOW experiment's one candidate: the new side. */
    private static CandidateStats candidate(ExperimentStats stats) {
        for (CandidateStats candidate : stats.candidates()) {
            if (candidate.candidate().equals(Candidates.DEFAULT_NAME)) {
                return candidate;
            }
        }
        return empty();
    }

    private static CandidateStats empty() {
        return new CandidateStats(Candidates.DEFAULT_NAME, Map.of(), 0, LatencySummary.empty());
    }

    private static CandidateStats minus(CandidateStats now, CandidateStats start) {
        Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, Math.max(0, now.count(outcome) - start.count(outcome)));
        }
        return new CandidateStats(now.candidate(), outcomes, Math.max(0, now.errors() - start.errors()), now.latency());
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.3f%%", rate * 100);
    }

    /** {@code 7 d}, {@code 2 d 5 h}, {@code 3 h 20 min}, {@code 12 min}, {@code 40 s}. */
    static String describe(Duration duration) {
        long days = duration.toDays();
        int hours = duration.toHoursPart();
        int minutes = duration.toMinutesPart();
        if (days > 0) {
            return days + " d" + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        if (minutes > 0) {
            return minutes + " min";
        }
        return duration.toSecondsPart() + " s";
    }
}
