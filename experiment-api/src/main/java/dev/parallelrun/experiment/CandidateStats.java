package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Running counts and latency of one candidate of an experiment.
 *
 * @param candidate the candidate's name
 * @param outcomes how many results had each outcome (every outcome present, zero when none); unmodifiable
 * @param errors how many runs threw where the control returned, or timed out after they started
 * @param latency the candidate's wall-clock durations
 */
public record CandidateStats(String candidate, Map<Outcome, Long> outcomes, long errors, LatencySummary latency) {

    /** Checks the parts and fills in missing outcomes with zero. */
    public CandidateStats {
        requireNonNull(candidate, "candidate");
        requireNonNull(latency, "latency");
        outcomes = complete(outcomes);
    }

    static Map<Outcome, Long> complete(Map<Outcome, Long> counts) {
        EnumMap<Outcome, Long> all = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            all.put(outcome, counts.getOrDefault(outcome, 0L));
        }
        return Collections.unmodifiableMap(all);
    }

    /** How many results had {@code outcome}. */
    public long count(Outcome outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }

    /** Results whose outcome was {@link Outcome#compared()}: match, mismatch, ignored and comparison failed. */
    public long compared() {
        long compared = 0;
        for (Outcome outcome : Outcome.values()) {
            if (outcome.compared()) {
                compared += count(outcome);
            }
        }
        return compared;
    }

    /** Every result of this candidate, whatever its outcome. */
    public long total() {
        long total = 0;
        for (long count : outcomes.values()) {
            total += count;
        }
        return total;
    }

    /** Runs the candidate actually made: every result but the skipped ones. */
    public long ran() {
        return compared() + count(Outcome.TIMED_OUT);
    }

    /**
     * Mismatches and failed comparisons over compared results ({@code NaN} when none). A failed
     * comparison proves nothing, so it counts against readiness like a mismatch; ignored results are
     * in the denominator only.
     */
    public double mismatchRate() {
        long compared = compared();
        long mismatches = 0;
        for (Outcome outcome : Outcome.values()) {
            if (outcome.countsAsMismatch()) {
                mismatches += count(outcome);
            }
        }
        return compared == 0 ? Double.NaN : (double) mismatches / compared;
    }

    /** Skipped results over all results ({@code NaN} when none): the share of sampled runs never compared. */
    public double skippedShare() {
        long total = total();
        return total == 0 ? Double.NaN : (double) count(Outcome.SKIPPED) / total;
    }

    /** Errors over runs made ({@code NaN} when none). */
    public double errorRate() {
        long ran = ran();
        return ran == 0 ? Double.NaN : (double) errors / ran;
    }
}
