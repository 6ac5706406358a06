package dev.parallelrun.runtime;

import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.ReadinessCriteria;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Run;
import dev.parallelrun.experiment.SkipReason;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * An experiment's running counts and latency histograms (HdrHistogram, 3 significant digits). Results are
 * recorded off the caller's thread, by whichever thread finished them, under one lock that a snapshot takes too:
 * a snapshot's counts always agree with each other (each candidate's outcomes add up to the sampled calls). The
 * lock is held for a few counter increments and histogram records, never while calling anything else. Calls shed
 * at the door are one counter per reason on the caller's thread, read once per snapshot and added both to the
 * sampled calls and to every candidate's skips. (A candidate that only some calls have is then counted as
 * skipped on every shed call: the names are those of the calls shed.)
 */
final class StatsRecorder {

    private static final int DIGITS = 3;

    private final String experiment;
    private final Object lock = new Object();
    private long sampled;
    private long dropped;
    private final Histogram control = newHistogram();
    private final Histogram allCandidates = newHistogram();
    private final Histogram schedulingDelay = newHistogram();
    private final long[] skipped = new long[SkipReason.values().length];
    private final Map<String, PerCandidate> byName = new LinkedHashMap<>();
    // calls shed at the door (no result made): counted apart, without the lock, and folded into every snapshot
    private final LongAdder[] shed = new LongAdder[SkipReason.values().length];
    private volatile String[] shedNames = new String[0];

    StatsRecorder(String experiment) {
        this.experiment = experiment;
        for (int i = 0; i < shed.length; i++) {
            shed[i] = new LongAdder();
        }
    }

    /**
     * Counts a sampled call shed at the door: each of its candidates ({@code names}) skipped for {@code reason}.
     * Caller's thread: one counter, and the candidates' names remembered the first time they are seen.
     */
    @SuppressWarnings("ReferenceEquality") // identity first: the same array as last time needs no comparing
    void shed(SkipReason reason, String[] names) {
        shed[reason.ordinal()].increment(); // calls: each skips every candidate
        String[] known = shedNames;
        if (names != known && !Arrays.equals(names, known)) {
            rememberShedNames(names);
        }
    }

    private void rememberShedNames(String[] names) {
        synchronized (lock) {
            for (String name : names) {
                byName.computeIfAbsent(name, PerCandidate::new);
            }
        }
        shedNames = names;
    }

    private static Histogram newHistogram() {
        return new Histogram(DIGITS); // auto-resizing: any duration from 1 ns up
    }

    /** Counts one finished result. */
    void record(Result<?> result) {
        record(result.control(), result.candidates());
    }

    /** Counts one finished call: the control's run and each candidate's part. */
    void record(Run<?> controlRun, List<? extends CandidateResult<?>> candidates) {
        boolean controlThrew = controlRun.threw();
        synchronized (lock) {
            sampled++;
            control.recordValue(nanos(controlRun.duration()));
            for (CandidateResult<?> candidate : candidates) {
                PerCandidate stats = byName.computeIfAbsent(candidate.name(), PerCandidate::new);
                stats.outcomes[candidate.outcome().ordinal()]++;
                SkipReason reason = candidate.skipReason();
                if (reason != null) {
                    skipped[reason.ordinal()]++;
                }
                Run<?> run = candidate.run();
                if (run == null) {
                    continue;
                }
                if (run.started()) {
                    // a timed-out run is recorded at the time it was given up on: a lower bound, so a slow
                    // candidate's p99 is never flattered by leaving its slowest runs out
                    stats.latency.recordValue(nanos(run.duration()));
                    allCandidates.recordValue(nanos(run.duration()));
                    boolean error = candidate.outcome() == Outcome.TIMED_OUT || (run.threw() && !controlThrew);
                    if (error) {
                        stats.errors++;
                    }
                }
                schedulingDelay.recordValue(nanos(run.startDelay()));
            }
        }
    }

    private static long nanos(Duration duration) {
        return Math.max(0, duration.toNanos());
    }

    /** Counts one result the publishing queue had no room for (it is counted in the outcomes too). */
    void recordDropped() {
        synchronized (lock) {
            dropped++;
        }
    }

    ExperimentStats snapshot(
            Map<FaultSource, Long> faults,
            long runaways,
            long runawaysTotal,
            @Nullable LocalDate expiresOn,
            boolean expired,
            ReadinessCriteria criteria) {
        List<CandidateStats> candidates = new ArrayList<>();
        Map<SkipReason, Long> skips = new EnumMap<>(SkipReason.class);
        long sampledNow;
        long droppedNow;
        LatencySummary controlLatency;
        LatencySummary candidateLatency;
        LatencySummary delay;
        long[] shedNow = new long[shed.length];
        long shedTotal = 0;
        for (int i = 0; i < shed.length; i++) {
            shedNow[i] = shed[i].sum();
            shedTotal += shedNow[i];
        }
        synchronized (lock) {
            // a shed call is a sampled call whose every candidate was skipped: added to both, from one reading
            sampledNow = sampled + shedTotal;
            droppedNow = dropped;
            for (PerCandidate stats : byName.values()) {
                candidates.add(stats.snapshot(shedTotal));
            }
            int perCall = byName.size(); // a shed call skips every candidate: counted the same way on both sides
            for (SkipReason reason : SkipReason.values()) {
                skips.put(reason, skipped[reason.ordinal()] + shedNow[reason.ordinal()] * perCall);
            }
            controlLatency = summary(control);
            candidateLatency = summary(allCandidates);
            delay = summary(schedulingDelay);
        }
        return new ExperimentStats(
                experiment,
                sampledNow,
                droppedNow,
                controlLatency,
                candidateLatency,
                delay,
                candidates,
                skips,
                runaways,
                runawaysTotal,
                faults,
                expiresOn,
                expired,
                criteria,
                readiness(candidates, controlLatency, criteria));
    }

    private static LatencySummary summary(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return LatencySummary.empty();
        }
        return new LatencySummary(
                histogram.getTotalCount(),
                Duration.ofNanos(histogram.getValueAtPercentile(50)),
                Duration.ofNanos(histogram.getValueAtPercentile(90)),
                Duration.ofNanos(histogram.getValueAtPercentile(99)),
                Duration.ofNanos(histogram.getMaxValue()));
    }

    /**
     * Each candidate judged on its own (pooling would let a clean candidate hide a bad one); the experiment is
     * ready when every candidate is.
     */
    static Readiness readiness(List<CandidateStats> candidates, LatencySummary control, ReadinessCriteria criteria) {
        if (candidates.isEmpty()) {
            return criteria.evaluate(new ReadinessCriteria.Figures(0, Double.NaN, Double.NaN, null, null, Double.NaN));
        }
        @Nullable Readiness first = null;
        for (CandidateStats candidate : candidates) {
            Readiness own = criteria.evaluate(figures(candidate, control));
            if (candidates.size() == 1) {
                return own;
            }
            List<Readiness.Check> named = new ArrayList<>();
            for (Readiness.Check check : own.checks()) {
                named.add(new Readiness.Check(
                        candidate.candidate() + ": " + check.criterion(),
                        check.requirement(),
                        check.actual(),
                        check.passed(),
                        check.note()));
            }
            Readiness labelled = new Readiness(named, own.status());
            if (!own.ready()) {
                return labelled;
            }
            if (first == null) {
                first = labelled;
            }
        }
        return Objects.requireNonNull(first);
    }

    /** The figures of one candidate's verdict. */
    static ReadinessCriteria.Figures figures(CandidateStats candidate, LatencySummary control) {
        LatencySummary latency = candidate.latency();
        return new ReadinessCriteria.Figures(
                candidate.compared(),
                candidate.mismatchRate(),
                candidate.errorRate(),
                latency.count() == 0 ? null : latency.p99(),
                control.count() == 0 ? null : control.p99(),
                candidate.skippedShare());
    }

    private static final class PerCandidate {
        final String name;
        final long[] outcomes = new long[Outcome.values().length];
        long errors;
        final Histogram latency = newHistogram();

        PerCandidate(String name) {
            this.name = name;
        }

        CandidateStats snapshot(long shedCalls) {
            Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                counts.put(outcome, outcomes[outcome.ordinal()] + (outcome == Outcome.SKIPPED ? shedCalls : 0));
            }
            return new CandidateStats(name, counts, errors, summary(latency));
        }
    }
}
