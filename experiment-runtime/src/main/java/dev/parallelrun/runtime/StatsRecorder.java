package dev.parallelrun.runtime;

import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.Callback;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.ReadinessCriteria;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Run;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * An experiment's running counts and latency histograms. Results are recorded wait-free from whichever
 * thread finished them (HdrHistogram {@link Recorder}); a snapshot folds what was recorded into totals.
 */
final class StatsRecorder {

    private static final int DIGITS = 3;

    private final String experiment;
    private final LongAdder sampled = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Latency control = new Latency();
    private final Latency allCandidates = new Latency();
    private final Map<String, PerCandidate> byName = new ConcurrentHashMap<>();
    private final List<PerCandidate> inOrder = new CopyOnWriteArrayList<>();

    StatsRecorder(String experiment) {
        this.experiment = experiment;
    }

    /** Counts one finished result. */
    void record(Result<?> result) {
        sampled.increment();
        control.record(result.control().duration());
        boolean controlThrew = result.control().threw();
        for (CandidateResult<?> candidate : result.candidates()) {
            PerCandidate stats = byName.computeIfAbsent(candidate.name(), this::newCandidate);
            stats.outcomes[candidate.outcome().ordinal()].increment();
            Run<?> run = candidate.run();
            boolean error = candidate.outcome() == Outcome.TIMED_OUT || run != null && run.threw() && !controlThrew;
            if (error) {
                stats.errors.increment();
            }
            if (run != null) {
                // a timed-out run is recorded at the time it was given up on: a lower bound, so a slow
                // candidate's p99 is never flattered by leaving its slowest runs out
                stats.latency.record(run.duration());
                allCandidates.record(run.duration());
            }
        }
    }

    /** Counts one result the publishing queue had no room for. */
    void recordDropped() {
        dropped.increment();
    }

    private PerCandidate newCandidate(String name) {
        PerCandidate stats = new PerCandidate(name);
        inOrder.add(stats);
        return stats;
    }

    ExperimentStats snapshot(Map<Callback, Long> faults, @Nullable LocalDate expiresOn, boolean expired,
            ReadinessCriteria criteria) {
        List<CandidateStats> candidates = new ArrayList<>(inOrder.size());
        for (PerCandidate stats : inOrder) {
            candidates.add(stats.snapshot());
        }
        LatencySummary controlLatency = control.summary();
        LatencySummary candidateLatency = allCandidates.summary();
        return new ExperimentStats(experiment, sampled.sum(), dropped.sum(), controlLatency, candidateLatency,
                candidates, faults, expiresOn, expired, criteria, readiness(candidates, controlLatency, criteria));
    }

    /**
     * Each candidate judged on its own (pooling would let a clean candidate hide a bad one); the experiment is
     * ready when every candidate is.
     */
    private static Readiness readiness(List<CandidateStats> candidates, LatencySummary control,
            ReadinessCriteria criteria) {
        if (candidates.isEmpty()) {
            return criteria.evaluate(0, Double.NaN, Double.NaN, Double.NaN);
        }
        @Nullable Readiness first = null;
        for (CandidateStats candidate : candidates) {
            Readiness own = criteria.evaluate(candidate.compared(), candidate.mismatchRate(), candidate.errorRate(),
                    candidate.latency().ratioTo(control, 99));
            if (candidates.size() == 1) {
                return own;
            }
            List<Readiness.Check> named = new ArrayList<>();
            for (Readiness.Check check : own.checks()) {
                named.add(new Readiness.Check(candidate.candidate() + ": " + check.criterion(), check.requirement(),
                        check.actual(), check.passed()));
            }
            Readiness labelled = new Readiness(named);
            if (!own.ready()) {
                return labelled;
            }
            if (first == null) {
                first = labelled;
            }
        }
        return java.util.Objects.requireNonNull(first);
    }

    private static final class PerCandidate {
        final String name;
        final LongAdder[] outcomes = new LongAdder[Outcome.values().length];
        final LongAdder errors = new LongAdder();
        final Latency latency = new Latency();

        PerCandidate(String name) {
            this.name = name;
            for (int i = 0; i < outcomes.length; i++) {
                outcomes[i] = new LongAdder();
            }
        }

        CandidateStats snapshot() {
            Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                counts.put(outcome, outcomes[outcome.ordinal()].sum());
            }
            return new CandidateStats(name, counts, errors.sum(), latency.summary());
        }
    }

    /** One behavior's durations: recorded wait-free, summarised under a lock nobody records under. */
    private static final class Latency {
        private final Recorder recorder = new Recorder(DIGITS);
        private final Histogram total = new Histogram(DIGITS);
        private @Nullable Histogram interval;

        void record(Duration duration) {
            recorder.recordValue(Math.max(0, duration.toNanos()));
        }

        synchronized LatencySummary summary() {
            interval = recorder.getIntervalHistogram(interval);
            total.add(interval);
            if (total.getTotalCount() == 0) {
                return LatencySummary.empty();
            }
            return new LatencySummary(total.getTotalCount(), nanos(total.getValueAtPercentile(50)),
                    nanos(total.getValueAtPercentile(90)), nanos(total.getValueAtPercentile(99)),
                    nanos(total.getMaxValue()));
        }

        private static Duration nanos(long value) {
            return Duration.ofNanos(value);
        }
    }
}
