package dev.parallelrun.report;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.Outcome;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the files say about one experiment.
 *
 * <p>Two sources feed it. Summary lines carry the engine's cumulative counts per JVM: they give
 * {@link #totals()}, the rates and the {@link #readiness()} verdict. Result lines carry one sampled call each
 * (by default only those with a candidate that did not match): they give {@link #resultOutcomes()}, the
 * {@link #groups()} by signature with their examples, and the differing paths. When there are no summary lines,
 * {@code totals}, {@code readiness} and the noisy paths are absent and {@link #notes()} says why. For every
 * failing or inconclusive check, and for an expired experiment, {@link #nextSteps()} says what to do.
 *
 * @param experiment the experiment's name
 * @param firstSeen the earliest line's time in the window, or {@code null} when none
 * @param lastSeen the latest line's time in the window, or {@code null} when none
 * @param resultLines result lines counted
 * @param summaryLines summary lines used
 * @param jvms distinct JVMs (publisher instances) that wrote about it
 * @param hosts distinct hosts that wrote about it (counted up to the JVM bound)
 * @param totals counts, rates and latency from summary lines, or {@code null} when there were none
 * @param resultOutcomes candidate outcomes counted in result lines; every outcome present; unmodifiable
 * @param resultSkipReasons skipped candidates of result lines by the reason they carry, only reasons with
 *     some (result lines hold skipped candidates only with the publisher's {@code everyResult} option)
 * @param criteria the readiness criteria of the latest summary line (the defaults when it has none), or
 *     {@code null} without summaries
 * @param readiness the verdict: the one the summary line wrote when the experiment ran in one JVM, else the
 *     engine's checks computed over {@code totals} with the report's own (see {@link Verdict}); {@code null}
 *     without summaries
 * @param expiry the expiry date and whether it has passed
 * @param groups non-matching results grouped by outcome and signature, most frequent first
 * @param untrackedGroupResults non-matching results whose signature came after the signature bound: counted
 *     here, not grouped
 * @param noisyPaths paths that differ on nearly every compared call, most frequent first
 * @param trend the mismatch rate (or, without summaries, the count of mismatches) over time
 * @param nextSteps what to do about each failing or inconclusive check and about an expired experiment, most
 *     pressing first; empty when there is nothing to do
 * @param notes what could not be computed, or is approximate, and why; for a person
 */
public record ExperimentSummary(
        String experiment,
        @Nullable Instant firstSeen,
        @Nullable Instant lastSeen,
        long resultLines,
        long summaryLines,
        int jvms,
        int hosts,
        @Nullable Totals totals,
        Map<Outcome, Long> resultOutcomes,
        Map<String, Long> resultSkipReasons,
        @Nullable Criteria criteria,
        @Nullable Verdict readiness,
        Expiry expiry,
        List<SignatureGroup> groups,
        long untrackedGroupResults,
        List<NoisyPath> noisyPaths,
        Trend trend,
        List<NextStep> nextSteps,
        List<String> notes) {

    /** Checks the parts and copies the collections. */
    public ExperimentSummary {
        requireNonNull(experiment, "experiment");
        EnumMap<Outcome, Long> all = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            all.put(outcome, resultOutcomes.getOrDefault(outcome, 0L));
        }
        resultOutcomes = Collections.unmodifiableMap(all);
        resultSkipReasons = Collections.unmodifiableMap(new LinkedHashMap<>(resultSkipReasons));
        requireNonNull(expiry, "expiry");
        groups = List.copyOf(groups);
        noisyPaths = List.copyOf(noisyPaths);
        requireNonNull(trend, "trend");
        nextSteps = List.copyOf(nextSteps);
        notes = List.copyOf(notes);
    }

    /** Non-matching results counted in result lines, grouped or not: the denominator of each group's share. */
    public long groupedResults() {
        long sum = untrackedGroupResults;
        for (SignatureGroup group : groups) {
            sum += group.count();
        }
        return sum;
    }

    /**
     * The readiness badge: {@code READY}, {@code NOT READY}, {@code INCONCLUSIVE} (most sampled candidate runs
     * were skipped) or {@code UNKNOWN} (no summary lines).
     */
    public String badge() {
        return readiness == null ? "UNKNOWN" : readiness.status().badge();
    }
}
