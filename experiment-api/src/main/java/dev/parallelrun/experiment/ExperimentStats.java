package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of an experiment's running statistics and its readiness verdict. Counts cover results
 * that were compared. A result the publishing queue had no room for is counted in {@link #dropped()}; if a
 * candidate thread had already compared it (the candidate finished last), it is in the counts as well.
 *
 * @param experiment the experiment's name
 * @param sampled sampled calls that produced a result
 * @param dropped results dropped because the publishing queue was full
 * @param control the control's wall-clock durations on sampled calls
 * @param candidateLatency every candidate's durations together
 * @param candidates per candidate, in the order they were first seen; unmodifiable
 * @param faults faults caught per callback (every callback present, zero when none); unmodifiable
 * @param expiresOn the expiry date, or {@code null}
 * @param expired whether the expiry date has passed
 * @param criteria what the readiness verdict was judged against
 * @param readiness the verdict: with one candidate, that candidate's; with several, ready only when every
 *     candidate is, and otherwise the checks of the first candidate that is not (criteria named after it)
 */
public record ExperimentStats(
        String experiment,
        long sampled,
        long dropped,
        LatencySummary control,
        LatencySummary candidateLatency,
        List<CandidateStats> candidates,
        Map<Callback, Long> faults,
        @Nullable LocalDate expiresOn,
        boolean expired,
        ReadinessCriteria criteria,
        Readiness readiness) {

    /** Checks the parts and copies the collections. */
    public ExperimentStats {
        requireNonNull(experiment, "experiment");
        requireNonNull(control, "control");
        requireNonNull(candidateLatency, "candidateLatency");
        candidates = List.copyOf(candidates);
        EnumMap<Callback, Long> all = new EnumMap<>(Callback.class);
        for (Callback callback : Callback.values()) {
            all.put(callback, faults.getOrDefault(callback, 0L));
        }
        faults = Collections.unmodifiableMap(all);
        requireNonNull(criteria, "criteria");
        requireNonNull(readiness, "readiness");
    }

    /** Counts per outcome over all candidates; unmodifiable, every outcome present. */
    public Map<Outcome, Long> outcomes() {
        EnumMap<Outcome, Long> sum = new EnumMap<>(Outcome.class);
        for (CandidateStats candidate : candidates) {
            candidate.outcomes().forEach((outcome, count) -> sum.merge(outcome, count, Long::sum));
        }
        return CandidateStats.complete(sum);
    }

    /** How many candidate results had {@code outcome}, over all candidates. */
    public long count(Outcome outcome) {
        return outcomes().get(outcome);
    }

    /** All candidates' counts and errors as one; {@code latency} is {@link #candidateLatency()}. */
    public CandidateStats total() {
        long errors = 0;
        for (CandidateStats candidate : candidates) {
            errors += candidate.errors();
        }
        return new CandidateStats("*", outcomes(), errors, candidateLatency);
    }

    /** See {@link CandidateStats#mismatchRate()}; over all candidates. */
    public double mismatchRate() {
        return total().mismatchRate();
    }

    /** See {@link CandidateStats#errorRate()}; over all candidates. */
    public double candidateErrorRate() {
        return total().errorRate();
    }

    /** Candidate p50 over control p50, {@code NaN} when unknown. */
    public double p50Ratio() {
        return candidateLatency.ratioTo(control, 50);
    }

    /** Candidate p99 over control p99, {@code NaN} when unknown. */
    public double p99Ratio() {
        return candidateLatency.ratioTo(control, 99);
    }

    /** Faults caught in {@code callback}. */
    public long faults(Callback callback) {
        return faults.get(callback);
    }
}
