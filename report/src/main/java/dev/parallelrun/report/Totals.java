package dev.parallelrun.report;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.experiment.Outcome;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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
 * @param skipped skipped candidate runs by reason ({@code CAP}, {@code RUNAWAYS}, {@code PAUSED},
 *     {@code BEFORE_RUN}, {@code BACKLOG}, {@code CLOSED}, {@code OTHER} for a reason of a later engine), only the
 *     reasons with runs; empty when no line said why (lines of engines before the reasons)
 * @param runaways runaway candidates (past their timeout, their thread still running), or {@code null} when no
 *     line counted them
 * @param schedulingDelay from sampling to the candidate's start, measured apart from the candidate's latency;
 *     empty when no line carried it
 */
public record Totals(
        long sampled,
        long dropped,
        CandidateStats all,
        List<CandidateStats> candidates,
        LatencySummary control,
        int latencyJvms,
        Map<String, Long> faults,
        Map<String, Long> skipped,
        @Nullable Runaways runaways,
        LatencySummary schedulingDelay) {

    /**
     * Runaway candidates: past their timeout, their thread still running.
     *
     * @param now running at each JVM's latest summary, added over JVMs
     * @param total ever counted, in the window
     */
    public record Runaways(long now, long total) {}

    /** Checks the parts and copies the collections. */
    public Totals {
        requireNonNull(all, "all");
        candidates = List.copyOf(candidates);
        requireNonNull(control, "control");
        faults = Collections.unmodifiableMap(new LinkedHashMap<>(faults));
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        requireNonNull(schedulingDelay, "schedulingDelay");
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

    /** Sampled candidate runs: every outcome of every candidate, compared or not. */
    public long candidateRuns() {
        long runs = 0;
        for (Outcome outcome : Outcome.values()) {
            runs += all.count(outcome);
        }
        return runs;
    }

    /** Sampled candidate runs that were not compared: skipped or timed out. */
    public long notCompared() {
        return all.count(Outcome.SKIPPED) + all.count(Outcome.TIMED_OUT);
    }

    /** Skipped runs over sampled candidate runs, {@code NaN} when there were none. */
    public double skippedShare() {
        long runs = candidateRuns();
        return runs == 0 ? Double.NaN : (double) all.count(Outcome.SKIPPED) / runs;
    }

    /** Skipped runs no line gave a reason for. */
    public long skippedWithoutReason() {
        long said = 0;
        for (long count : skipped.values()) {
            said += count;
        }
        return Math.max(0, all.count(Outcome.SKIPPED) - said);
    }
}
