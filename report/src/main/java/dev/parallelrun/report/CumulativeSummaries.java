package dev.parallelrun.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.experiment.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Folds {@code "type": "summary"} lines, which are cumulative per {@code (jvm, experiment)}: for each pair it
 * keeps the last summary read, and adds to the experiment's window the difference between each summary and
 * the one before (the last one before {@code since} is only a baseline). The window's sums are the totals;
 * each difference also goes into the trend bucket of the summary that carried it.
 */
final class CumulativeSummaries {

    static final int MAX_CANDIDATES = 32;
    static final String OTHER_CANDIDATES = "(other candidates)";
    private static final int MAX_FAULT_KINDS = 32;
    private static final int OUTCOMES = Outcome.values().length;

    private final ReadFilter filter;
    private final ReadLimits limits;
    private final Function<String, @Nullable ExperimentState> experiments;
    private int pairs;
    long lines;
    long filteredOut;
    long outOfOrder;

    CumulativeSummaries(ReadFilter filter, ReadLimits limits, Function<String, @Nullable ExperimentState> experiments) {
        this.filter = filter;
        this.limits = limits;
        this.experiments = experiments;
    }

    boolean pairBoundReached() {
        return pairs >= limits.maxJvms();
    }

    /** Takes one summary line; a line that lacks what it needs changes nothing and throws. */
    void accept(JsonNode line, String name, Instant time) throws BadLine {
        String jvm = Fields.requiredText(line, "jvm");
        long[] counts = new long[Snapshot.SIZE];
        counts[Snapshot.SAMPLED] = Fields.requiredCount(line, "sampled");
        counts[Snapshot.DROPPED] = Fields.count(line, "dropped", 0);
        readOutcomes(Fields.requiredObject(line, "outcomes"), counts, Snapshot.OUTCOMES);
        counts[Snapshot.ERRORS] = Fields.count(line, "candidateErrors", 0);
        JsonNode skipped = Fields.optionalObject(line, "skipped");
        if (skipped != null) {
            Iterator<String> reasons = skipped.fieldNames();
            while (reasons.hasNext()) {
                String reason = reasons.next();
                counts[Snapshot.SKIPPED + SkipReasons.slot(reason)] += Fields.count(skipped, reason, 0);
            }
        }
        long runawaysNow = -1;
        JsonNode runaways = Fields.optionalObject(line, "runaways");
        if (runaways != null) {
            runawaysNow = Fields.count(runaways, "now", 0);
            counts[Snapshot.RUNAWAYS] = Fields.count(runaways, "total", 0);
        }
        Map<String, long[]> candidates = new LinkedHashMap<>();
        JsonNode candidatesNode = Fields.optionalObject(line, "candidates");
        if (candidatesNode != null) {
            for (Map.Entry<String, JsonNode> entry : candidatesNode.properties()) {
                if (!entry.getValue().isObject()) {
                    throw new BadLine("candidate " + Text.quote(entry.getKey(), 40) + " is not an object");
                }
                long[] perCandidate = new long[OUTCOMES + 1];
                JsonNode outcomes = Fields.optionalObject(entry.getValue(), "outcomes");
                if (outcomes != null) {
                    readOutcomes(outcomes, perCandidate, 0);
                }
                perCandidate[OUTCOMES] = Fields.count(entry.getValue(), "errors", 0);
                String candidate = candidates.containsKey(entry.getKey()) || candidates.size() < MAX_CANDIDATES - 1
                        ? entry.getKey()
                        : OTHER_CANDIDATES;
                candidates.merge(candidate, perCandidate, Counts::add);
            }
        }
        LatencySummary controlLatency = LatencySummary.empty();
        LatencySummary candidateLatency = LatencySummary.empty();
        LatencySummary schedulingDelay = LatencySummary.empty();
        JsonNode latency = Fields.optionalObject(line, "latency");
        if (latency != null) {
            controlLatency = latency(latency, "control");
            candidateLatency = latency(latency, "candidate");
            schedulingDelay = latency(latency, "schedulingDelay");
        }
        Map<String, Long> faults = new LinkedHashMap<>();
        JsonNode faultsNode = Fields.optionalObject(line, "faults");
        if (faultsNode != null) {
            Iterator<String> names = faultsNode.fieldNames();
            while (names.hasNext()) {
                String fault = names.next();
                long count = Fields.count(faultsNode, fault, 0);
                if (faults.size() < MAX_FAULT_KINDS) {
                    faults.put(fault, count);
                }
            }
        }
        if (!filter.keeps(name) || (filter.until() != null && !time.isBefore(filter.until()))) {
            filteredOut++;
            return;
        }
        ExperimentState experiment = experiments.apply(name);
        if (experiment == null) {
            return;
        }
        PerExperiment window = experiment.summaries;
        PairState pair = window.pairs.get(jvm);
        if (pair == null) {
            if (pairs >= limits.maxJvms()) {
                window.untrackedSummaries++;
                return;
            }
            pairs++;
            pair = new PairState();
            window.pairs.put(jvm, pair);
        }
        if (pair.time != null && time.isBefore(pair.time)) {
            outOfOrder++; // its counts are inside the newer summary already read
            return;
        }
        boolean inWindow = filter.since() == null || !time.isBefore(filter.since());
        if (inWindow) {
            lines++;
            experiment.summaryLines++;
            experiment.seen(time);
            experiment.host(Fields.textOr(line, "host", "(unknown host)"));
            long[] delta = new long[Snapshot.SIZE];
            for (int i = 0; i < delta.length; i++) {
                delta[i] = Math.max(0, counts[i] - pair.counts[i]);
                window.counts[i] += delta[i];
            }
            for (Map.Entry<String, long[]> entry : candidates.entrySet()) {
                long[] before = pair.candidates.get(entry.getKey());
                long[] now = entry.getValue();
                long[] candidateDelta = new long[now.length];
                for (int i = 0; i < now.length; i++) {
                    candidateDelta[i] = Math.max(0, now[i] - (before == null ? 0 : before[i]));
                }
                window.candidate(entry.getKey(), candidateDelta);
            }
            for (Map.Entry<String, Long> fault : faults.entrySet()) {
                long faultDelta = Math.max(0, fault.getValue() - pair.faults.getOrDefault(fault.getKey(), 0L));
                if (window.faults.containsKey(fault.getKey()) || window.faults.size() < MAX_FAULT_KINDS) {
                    window.faults.merge(fault.getKey(), faultDelta, Long::sum);
                }
            }
            long compared = 0;
            for (Outcome outcome : Snapshot.COMPARED) {
                compared += delta[Snapshot.OUTCOMES + outcome.ordinal()];
            }
            long mismatches = delta[Snapshot.OUTCOMES + Outcome.MISMATCH.ordinal()]
                    + delta[Snapshot.OUTCOMES + Outcome.COMPARISON_FAILED.ordinal()];
            experiment.trend.summary(time, compared, mismatches);
            pair.inWindow = true;
            pair.controlLatency = controlLatency;
            pair.candidateLatency = candidateLatency;
            pair.schedulingDelay = schedulingDelay;
            pair.runawaysNow = runawaysNow;
            pair.skipReasons = skipped != null;
            window.latest(line, time);
            experiment.expiry(Fields.optionalDate(line, "expiresOn"), Fields.flag(line, "expired", false), time);
        } else {
            filteredOut++; // used only as the baseline of the window
        }
        pair.time = time;
        pair.counts = counts;
        pair.candidates = candidates;
        pair.faults = faults;
    }

    private static void readOutcomes(JsonNode outcomes, long[] into, int offset) throws BadLine {
        Iterator<String> names = outcomes.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            Outcome outcome;
            try {
                outcome = Outcome.valueOf(name);
            } catch (IllegalArgumentException e) {
                continue; // an outcome a later version added: not ours to count
            }
            into[offset + outcome.ordinal()] = Fields.count(outcomes, name, 0);
        }
    }

    private static LatencySummary latency(JsonNode latency, String side) throws BadLine {
        JsonNode node = Fields.optionalObject(latency, side);
        if (node == null) {
            return LatencySummary.empty();
        }
        return new LatencySummary(
                Fields.count(node, "count", 0),
                Duration.ofNanos(Fields.count(node, "p50Nanos", 0)),
                Duration.ofNanos(Fields.count(node, "p90Nanos", 0)),
                Duration.ofNanos(Fields.count(node, "p99Nanos", 0)),
                Duration.ofNanos(Fields.count(node, "maxNanos", 0)));
    }

    /** Index layout of a summary line's cumulative counts. */
    private static final class Snapshot {
        static final int SAMPLED = 0;
        static final int DROPPED = 1;
        static final int OUTCOMES = 2;
        static final int ERRORS = OUTCOMES + Outcome.values().length;
        /** Skipped runs by reason, in {@link SkipReasons} slots. */
        static final int SKIPPED = ERRORS + 1;

        static final int RUNAWAYS = SKIPPED + SkipReasons.SLOTS;
        static final int SIZE = RUNAWAYS + 1;
        static final List<Outcome> COMPARED =
                List.of(Outcome.MATCH, Outcome.MISMATCH, Outcome.IGNORED, Outcome.COMPARISON_FAILED);

        private Snapshot() {}
    }

    /** The last summary of one {@code (jvm, experiment)}. */
    private static final class PairState {
        @Nullable
        Instant time;

        long[] counts = new long[Snapshot.SIZE];
        Map<String, long[]> candidates = Map.of();
        Map<String, Long> faults = Map.of();
        boolean inWindow;
        LatencySummary controlLatency = LatencySummary.empty();
        LatencySummary candidateLatency = LatencySummary.empty();
        LatencySummary schedulingDelay = LatencySummary.empty();
        /** Runaways running at the latest summary in the window, or -1 when it did not say. */
        long runawaysNow = -1;

        boolean skipReasons;
    }

    /** One experiment's summaries: the pairs followed and the sums over the window. */
    static final class PerExperiment {
        private final Map<String, PairState> pairs = new LinkedHashMap<>();
        private final long[] counts = new long[Snapshot.SIZE];
        private final Map<String, long[]> candidates = new LinkedHashMap<>();
        private final Map<String, Long> faults = new LinkedHashMap<>();
        long untrackedSummaries;
        private @Nullable Instant latestTime;
        /** The latest summary's criteria and readiness objects, as written. */
        private @Nullable JsonNode criteria;

        private @Nullable JsonNode readiness;

        /** How many JVMs have a summary in the window. */
        int jvmsInWindow() {
            return (int) pairs.values().stream().filter(pair -> pair.inWindow).count();
        }

        /** The JVMs whose summaries are followed. */
        java.util.Set<String> jvms() {
            return pairs.keySet();
        }

        private void candidate(String candidate, long[] delta) {
            String name = candidates.containsKey(candidate) || candidates.size() < MAX_CANDIDATES
                    ? candidate
                    : OTHER_CANDIDATES;
            candidates.merge(name, delta, Counts::add);
        }

        /** Keeps the criteria and readiness of the latest summary (absent ones too: the defaults then apply). */
        private void latest(JsonNode line, Instant time) {
            if (latestTime != null && time.isBefore(latestTime)) {
                return;
            }
            latestTime = time;
            criteria = Fields.optionalObject(line, "criteria");
            readiness = Fields.optionalObject(line, "readiness");
        }

        /** The criteria of the latest summary, or {@code null} when it has none or they are invalid. */
        @Nullable
        Criteria criteria() {
            return Criteria.read(criteria);
        }

        /**
         * The readiness object of the latest summary when it is the verdict over these totals: one JVM in the
         * window and no baseline subtracted. Else {@code null}: the verdict has to be computed over the totals.
         */
        @Nullable
        JsonNode readinessOfOneJvm(boolean windowStartsLater) {
            return jvmsInWindow() == 1 && !windowStartsLater && untrackedSummaries == 0 ? readiness : null;
        }

        boolean hasOtherCandidates() {
            return candidates.containsKey(OTHER_CANDIDATES);
        }

        Totals totals() {
            long[] controlSums = new long[4];
            long[] candidateSums = new long[4];
            double[] controlWeighted = new double[3];
            double[] candidateWeighted = new double[3];
            long[] delaySums = new long[4];
            double[] delayWeighted = new double[3];
            int latencyJvms = 0;
            long runawaysNow = 0;
            boolean runawaysSaid = false;
            boolean skipReasonsSaid = false;
            for (PairState pair : pairs.values()) {
                if (!pair.inWindow) {
                    continue;
                }
                boolean any = weigh(pair.controlLatency, controlSums, controlWeighted);
                any |= weigh(pair.candidateLatency, candidateSums, candidateWeighted);
                weigh(pair.schedulingDelay, delaySums, delayWeighted);
                if (any) {
                    latencyJvms++;
                }
                if (pair.runawaysNow >= 0) {
                    runawaysSaid = true;
                    runawaysNow += pair.runawaysNow;
                }
                skipReasonsSaid |= pair.skipReasons;
            }
            LatencySummary control = merged(controlSums, controlWeighted);
            LatencySummary candidate = merged(candidateSums, candidateWeighted);
            Map<String, Long> skipped = new LinkedHashMap<>();
            for (int slot = 0; slot < SkipReasons.SLOTS && skipReasonsSaid; slot++) {
                long count = counts[Snapshot.SKIPPED + slot];
                if (count > 0) {
                    skipped.put(SkipReasons.name(slot), count);
                }
            }
            CandidateStats all = new CandidateStats(
                    "*", Counts.outcomes(counts, Snapshot.OUTCOMES), counts[Snapshot.ERRORS], candidate);
            List<CandidateStats> perCandidate = new ArrayList<>(candidates.size());
            for (Map.Entry<String, long[]> entry : candidates.entrySet()) {
                perCandidate.add(new CandidateStats(
                        entry.getKey(),
                        Counts.outcomes(entry.getValue(), 0),
                        entry.getValue()[OUTCOMES],
                        LatencySummary.empty()));
            }
            return new Totals(
                    counts[Snapshot.SAMPLED],
                    counts[Snapshot.DROPPED],
                    all,
                    perCandidate,
                    control,
                    latencyJvms,
                    faults,
                    skipped,
                    runawaysSaid ? new Totals.Runaways(runawaysNow, counts[Snapshot.RUNAWAYS]) : null,
                    merged(delaySums, delayWeighted));
        }
    }

    private static boolean weigh(LatencySummary latency, long[] sums, double[] weighted) {
        long count = latency.count();
        if (count == 0) {
            return false;
        }
        sums[0] += count;
        sums[1] = Math.max(sums[1], latency.max().toNanos());
        weighted[0] += (double) count * latency.p50().toNanos();
        weighted[1] += (double) count * latency.p90().toNanos();
        weighted[2] += (double) count * latency.p99().toNanos();
        return true;
    }

    private static LatencySummary merged(long[] sums, double[] weighted) {
        long count = sums[0];
        if (count == 0) {
            return LatencySummary.empty();
        }
        return new LatencySummary(
                count,
                Duration.ofNanos(Math.round(weighted[0] / count)),
                Duration.ofNanos(Math.round(weighted[1] / count)),
                Duration.ofNanos(Math.round(weighted[2] / count)),
                Duration.ofNanos(sums[1]));
    }
}
