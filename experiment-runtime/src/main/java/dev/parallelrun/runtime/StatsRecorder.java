package dev.parallelrun.runtime;

import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.Callback;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.experiment.Outcome;
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
            if (run != null && run.completed()) {
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
        long errors = 0;
        Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        for (CandidateStats stats : candidates) {
            errors += stats.errors();
            stats.outcomes().forEach((outcome, count) -> outcomes.merge(outcome, count, Long::sum));
        }
        CandidateStats total = new CandidateStats("*", outcomes, errors, candidateLatency);
        return new ExperimentStats(experiment, sampled.sum(), dropped.sum(), controlLatency, candidateLatency,
                candidates, faults, expiresOn, expired, criteria,
                criteria.evaluate(total.compared(), total.mismatchRate(), total.errorRate(),
                        candidateLatency.ratioTo(controlLatency, 99)));
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
