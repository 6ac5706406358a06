package dev.parallelrun.report;

import dev.parallelrun.experiment.Outcome;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What has been read about one experiment: the parts the line folds fill in, then one {@link ExperimentSummary}. */
final class ExperimentState {

    final String name;
    private final ReadLimits limits;

    @Nullable
    Instant firstSeen;

    @Nullable
    Instant lastSeen;

    long resultLines;
    long summaryLines;
    final long[] resultOutcomes = new long[Outcome.values().length];
    final long[] resultSkipReasons = new long[SkipReasons.SLOTS];
    private final Set<String> resultJvms = new HashSet<>();
    private final Set<String> hosts = new HashSet<>();
    private @Nullable Instant expiryTime;
    private @Nullable LocalDate expiresOn;
    private boolean expired;
    final SignatureGroups.PerExperiment groups;
    final CumulativeSummaries.PerExperiment summaries = new CumulativeSummaries.PerExperiment();
    final TrendBuckets trend = new TrendBuckets();

    ExperimentState(String name, ReadLimits limits, SignatureGroups groups) {
        this.name = name;
        this.limits = limits;
        this.groups = groups.new PerExperiment();
    }

    void seen(Instant time) {
        if (firstSeen == null || time.isBefore(firstSeen)) {
            firstSeen = time;
        }
        if (lastSeen == null || time.isAfter(lastSeen)) {
            lastSeen = time;
        }
    }

    void wroteResults(String jvm, String host) {
        if (resultJvms.size() < limits.maxJvms()) {
            resultJvms.add(jvm);
        }
        host(host);
    }

    void host(String host) {
        if (hosts.size() < limits.maxJvms()) {
            hosts.add(host);
        }
    }

    void expiry(@Nullable LocalDate date, boolean expiredFlag, Instant time) {
        expired |= expiredFlag;
        if (date != null && (expiryTime == null || !time.isBefore(expiryTime))) {
            expiresOn = date;
            expiryTime = time;
        }
    }

    ExperimentSummary summarize(LocalDate today, ReadFilter filter, List<String> inputs) {
        List<String> notes = new ArrayList<>();
        Set<String> jvms = new HashSet<>(resultJvms);
        jvms.addAll(summaries.jvms());
        Totals totals = summaryLines == 0 ? null : summaries.totals();
        Verdict readiness = null;
        Criteria judgedBy = null;
        if (totals != null) {
            Criteria criteria = summaries.criteria();
            judgedBy = criteria != null ? criteria : Criteria.defaults();
            if (criteria == null) {
                notes.add("The latest summary line carries no valid readiness criteria: the defaults are used.");
            }
            readiness = Verdicts.fromLine(summaries.readinessOfOneJvm(filter.since() != null), judgedBy, totals);
            if (readiness == null) {
                readiness = Verdicts.judge(judgedBy, totals);
                int jvmsInWindow = summaries.jvmsInWindow();
                notes.add(
                        jvmsInWindow > 1
                                ? "The verdict is computed by this report over the counts of "
                                        + jvmsInWindow
                                        + " JVMs added together, all candidates together; each JVM's own verdict is in "
                                        + "its summary lines."
                                : filter.since() != null
                                        ? "The verdict is computed by this report over "
                                                + "the counts in the time window."
                                        : "The latest summary line carries no verdict: this report "
                                                + "computed it over the counts.");
            }
            if (totals.latencyApproximate()) {
                notes.add("Latency percentiles are count-weighted means over " + totals.latencyJvms()
                        + " JVMs' own percentiles: an approximation (exact percentiles need the histograms).");
            }
            if (filter.since() != null || filter.until() != null) {
                notes.add("Latency percentiles are cumulative since each JVM started, not limited to the time window.");
            }
            Set<String> withoutSummaries = new HashSet<>(resultJvms);
            withoutSummaries.removeAll(summaries.jvms());
            if (!withoutSummaries.isEmpty()) {
                notes.add(Format.plural(withoutSummaries.size(), "JVM", "JVMs") + " wrote result lines but no "
                        + "summary line: their calls are in the groups below but not in the totals, rates or "
                        + "readiness.");
            }
        } else if (resultLines > 0) {
            notes.add("No summary lines for this experiment: sampled runs, rates, latency, readiness and noisy "
                    + "paths cannot be computed. The counts below come from result lines, which hold only the "
                    + "calls whose candidates did not all match (every call with the publisher's everyResult "
                    + "option), and the trend shows counts of mismatches, not rates.");
        }
        if (summaries.untrackedSummaries > 0) {
            notes.add(Format.plural(summaries.untrackedSummaries, "summary line", "summary lines")
                    + " of JVMs past the bound of " + limits.maxJvms()
                    + " JVM-experiment pairs are not in the totals.");
        }
        if (groups.untrackedResults > 0) {
            notes.add(Format.plural(groups.untrackedResults, "non-matching result", "non-matching results")
                    + " had signatures past the bound of "
                    + limits.maxSignatures() + " signature groups: counted, not grouped.");
        }
        if (groups.untrackedPaths) {
            notes.add("Some differing paths came after the bound of " + limits.maxPaths()
                    + " paths and were not counted: noisy paths may be missing.");
        }
        if (summaries.hasOtherCandidates()) {
            notes.add("Candidates past the first " + CumulativeSummaries.MAX_CANDIDATES + " are counted together as "
                    + CumulativeSummaries.OTHER_CANDIDATES + ".");
        }
        boolean pastExpiry = expiresOn != null && today.isAfter(expiresOn);
        Expiry expiry = new Expiry(expiresOn, expired || pastExpiry);
        List<SignatureGroup> groupList = groups.list(name, inputs);
        List<NoisyPath> noisyPaths =
                totals == null ? List.of() : groups.noisyPaths(totals.all().compared());
        Map<String, Long> skipReasons = new LinkedHashMap<>();
        for (int slot = 0; slot < SkipReasons.SLOTS; slot++) {
            if (resultSkipReasons[slot] > 0) {
                skipReasons.put(SkipReasons.name(slot), resultSkipReasons[slot]);
            }
        }
        return new ExperimentSummary(
                name,
                firstSeen,
                lastSeen,
                resultLines,
                summaryLines,
                jvms.size(),
                hosts.size(),
                totals,
                Counts.outcomes(resultOutcomes, 0),
                skipReasons,
                judgedBy,
                readiness,
                expiry,
                groupList,
                groups.untrackedResults,
                noisyPaths,
                trend.trend(summaries.jvmsInWindow()),
                NextSteps.of(readiness, totals, judgedBy, groupList, noisyPaths, expiry, today),
                notes);
    }
}
