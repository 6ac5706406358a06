package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of an experiment's running statistics and its readiness verdict. The counts are taken together, so
 * they never disagree with each other: the outcomes of each candidate add up to {@link #sampled()}, and the
 * skipped ones add up to {@link #skipped()}'s values.
 *
 * @param experiment the experiment's name
 * @param sampled sampled calls that produced a result (each result has one outcome per candidate)
 * @param dropped results counted here but not handed to the publishers: the publishing queue was full
 * @param control the control's wall-clock durations on sampled calls
 * @param candidateLatency every candidate's durations together, from each behavior's own start
 * @param schedulingDelay how long candidates waited from the sampling of their call to the start of their behavior
 * @param candidates per candidate, in the order they were first seen; unmodifiable
 * @param skipped skipped candidate runs per reason (every reason present, zero when none); unmodifiable
 * @param runaways runaway candidates now: past their timeout, their threads still running
 * @param runawaysTotal candidates that became runaways since the experiment was built
 * @param faults faults caught per source (every source present, zero when none); unmodifiable
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
        LatencySummary schedulingDelay,
        List<CandidateStats> candidates,
        Map<SkipReason, Long> skipped,
        long runaways,
        long runawaysTotal,
        Map<FaultSource, Long> faults,
        @Nullable LocalDate expiresOn,
        boolean expired,
        ReadinessCriteria criteria,
        Readiness readiness) {

    /** Checks the parts and copies the collections. */
    public ExperimentStats {
        requireNonNull(experiment, "experiment");
        requireNonNull(control, "control");
        requireNonNull(candidateLatency, "candidateLatency");
        requireNonNull(schedulingDelay, "schedulingDelay");
        candidates = List.copyOf(candidates);
        skipped = complete(SkipReason.class, skipped);
        faults = complete(FaultSource.class, faults);
        requireNonNull(criteria, "criteria");
        requireNonNull(readiness, "readiness");
    }

    private static <K extends Enum<K>> Map<K, Long> complete(Class<K> type, Map<K, Long> counts) {
        EnumMap<K, Long> all = new EnumMap<>(type);
        for (K key : type.getEnumConstants()) {
            all.put(key, counts.getOrDefault(key, 0L));
        }
        return Collections.unmodifiableMap(all);
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
        return outcomes().getOrDefault(outcome, 0L);
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

    /** Skipped candidate runs over all sampled candidate runs, {@code NaN} when none: the share never compared. */
    public double skippedShare() {
        return total().skippedShare();
    }

    /** Candidate p50 over control p50, {@code NaN} when unknown. */
    public double p50Ratio() {
        return candidateLatency.ratioTo(control, 50);
    }

    /** Candidate p99 over control p99, {@code NaN} when unknown. */
    public double p99Ratio() {
        return candidateLatency.ratioTo(control, 99);
    }

    /** Faults caught from {@code source}. */
    public long faults(FaultSource source) {
        return faults.getOrDefault(source, 0L);
    }

    /** Skipped candidate runs for {@code reason}. */
    public long skipped(SkipReason reason) {
        return skipped.getOrDefault(reason, 0L);
    }

    /**
     * The statistics as a person reads them, over a few lines: counts by outcome with their share, rates in
     * percent, latencies in µs or ms, skips by reason, runaways, faults and the verdict.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("experiment '")
                .append(experiment)
                .append("': ")
                .append(sampled)
                .append(sampled == 1 ? " sampled call" : " sampled calls");
        if (dropped > 0) {
            text.append(" (").append(dropped).append(" not published: queue full)");
        }
        Map<Outcome, Long> outcomes = outcomes();
        long all = 0;
        for (long count : outcomes.values()) {
            all += count;
        }
        text.append("\n  outcomes:");
        for (Map.Entry<Outcome, Long> entry : outcomes.entrySet()) {
            if (entry.getValue() > 0) {
                text.append(' ')
                        .append(entry.getKey())
                        .append(' ')
                        .append(entry.getValue())
                        .append(" (")
                        .append(share(entry.getValue(), all))
                        .append(')');
            }
        }
        if (all == 0) {
            text.append(" none yet");
        }
        text.append("\n  mismatch rate ")
                .append(ReadinessCriteria.percent(mismatchRate()))
                .append(" of compared, candidate error rate ")
                .append(ReadinessCriteria.percent(candidateErrorRate()));
        text.append("\n  control   ").append(control);
        text.append("\n  candidate ").append(candidateLatency);
        text.append("\n  waited to start ").append(schedulingDelay);
        long skippedRuns = count(Outcome.SKIPPED);
        if (skippedRuns > 0) {
            text.append("\n  skipped ").append(share(skippedRuns, all)).append(" of sampled runs:");
            skipped.forEach((reason, count) -> {
                if (count > 0) {
                    text.append(' ')
                            .append(reason.description())
                            .append(' ')
                            .append(count)
                            .append(';');
                }
            });
            text.setLength(text.length() - 1);
        }
        if (runawaysTotal > 0) {
            text.append("\n  runaways: ")
                    .append(runaways)
                    .append(" running now, ")
                    .append(runawaysTotal)
                    .append(" in all");
        }
        long faultCount = 0;
        for (long count : faults.values()) {
            faultCount += count;
        }
        if (faultCount > 0) {
            text.append("\n  faults:");
            faults.forEach((source, count) -> {
                if (count > 0) {
                    text.append(' ')
                            .append(source.description())
                            .append(' ')
                            .append(count)
                            .append(';');
                }
            });
            text.setLength(text.length() - 1);
        }
        if (expiresOn != null) {
            text.append("\n  expires on ").append(expiresOn).append(expired ? " (EXPIRED)" : "");
        }
        text.append("\n  ").append(readiness.verdict());
        return text.toString();
    }

    private static String share(long count, long all) {
        return all == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * count / all);
    }
}
