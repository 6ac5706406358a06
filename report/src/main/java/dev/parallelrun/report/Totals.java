package dev.parallelrun.report;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.LatencySummary;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment's counts from summary lines: for each JVM, its last summary in the window minus its last one
 * before the window, added over JVMs (without a window: the sum of each JVM's last summary). Rates are the
 * engine's own ({@link CandidateStats#mismatchRate()}, {@link CandidateStats#errorRate()}).
 *
 * @param sampled sampled calls that produced a result
 * @param dropped results dropped by a full publishing queue (not in the outcome counts)
 * @param all every candidate's outcomes and errors together; its latency is every candidate's durations
 * @param candidates per candidate, as first seen; their latency is empty (summary lines carry none per
 *     candidate)
 * @param control the control's durations
 * @param latencyJvms how many JVMs' percentiles were merged into {@code control} and {@code all.latency()}. With
 *     more than one, the percentiles are count-weighted means of each JVM's: an approximation, since
 *     percentiles cannot be merged exactly without the histograms
 * @param faults faults caught per callback, as named in the files
 */
public record Totals(
        long sampled,
        long dropped,
        CandidateStats all,
        List<CandidateStats> candidates,
        LatencySummary control,
        int latencyJvms,
        Map<String, Long> faults) {

    /** Checks the parts and copies the collections. */
    public Totals {
        requireNonNull(all, "all");
        candidates = List.copyOf(candidates);
        requireNonNull(control, "control");
        faults = Collections.unmodifiableMap(new LinkedHashMap<>(faults));
    }

    /** Candidate p50 over control p50, {@code NaN} when unknown. */
    public double p50Ratio() {
        return all.latency().ratioTo(control, 50);
    }

    /** Candidate p99 over control p99, {@code NaN} when unknown. */
    public double p99Ratio() {
        return all.latency().ratioTo(control, 99);
    }

    /** True when the percentiles were merged from several JVMs and are approximate. */
    public boolean latencyApproximate() {
        return latencyJvms > 1;
    }
}
