package dev.parallelrun.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.experiment.Operation;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.ReadinessCriteria;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Folds parsed lines into bounded per-experiment state, then into a {@link Summary}. Everything kept is
 * bounded by {@link ReadLimits}: counters, one cumulative snapshot per {@code (jvm, experiment)}, a bounded map
 * of signature groups with a few examples each, a bounded map of path counts and hourly (or daily) buckets.
 */
final class Aggregator {

    /** A path is noisy when it differs on at least this share of compared results... */
    static final double NOISY_SHARE = 0.9;
    /** ...and on at least this many, so that three calls out of three do not make a clock. */
    static final long NOISY_MIN_RESULTS = 10;

    private static final int OUTCOMES = Outcome.values().length;
    private static final int MAX_CANDIDATES = 32;
    private static final int MAX_FAULT_KINDS = 32;
    private static final int MAX_CONTEXT_ENTRIES = 10;
    private static final int MAX_CONTEXT_CHARS = 200;
    private static final int MAX_MESSAGE_CHARS = 1_000;
    private static final int MAX_DIFF_VALUE_CHARS = 300;
    private static final int MAX_TEXT_DIFF_CHARS = 500;
    private static final int MAX_PATH_CHARS = 500;
    private static final String OTHER_CANDIDATES = "(other candidates)";
    /** Groups past this many keep only their latest example, so that examples stay within tens of MB. */
    static final int FULL_EXAMPLE_GROUPS = 200;

    private final ReadFilter filter;
    private final ReadLimits limits;
    private final ObjectMapper mapper;
    private final Map<String, ExperimentState> experiments = new HashMap<>();
    private int signatures;
    private int paths;
    private int pairs;
    private long untrackedExperimentLines;

    long resultLines;
    long summaryLines;
    long filteredOut;
    long unknownTypeLines;
    long outOfOrderSummaries;

    Aggregator(ReadFilter filter, ReadLimits limits, ObjectMapper mapper) {
        this.filter = filter;
        this.limits = limits;
        this.mapper = mapper;
    }

    /** Takes one parsed line; a line that lacks what its type needs changes nothing and throws. */
    void accept(JsonNode line, Path file, long lineNumber) throws BadLine {
        if (!line.isObject()) {
            throw new BadLine("not a JSON object");
        }
        JsonNode schema = line.get("schema");
        if (schema == null) {
            throw new BadLine("no \"schema\" field: not a parallel-run JSON Lines record");
        }
        if (!schema.isIntegralNumber() || schema.intValue() != 1 || !schema.canConvertToInt()) {
            throw new BadLine("unknown schema version " + Text.cap(schema.toString(), 40)
                    + " (this reader knows schema 1; a newer report may read it)");
        }
        String type = Fields.requiredText(line, "type");
        boolean result = type.equals("result");
        if (!result && !type.equals("summary")) {
            unknownTypeLines++;
            return;
        }
        String experiment = Fields.requiredText(line, "experiment");
        Instant time = Fields.requiredInstant(line, "time");
        if (result) {
            result(line, experiment, time, file, lineNumber);
        } else {
            summary(line, experiment, time);
        }
    }

    private @Nullable ExperimentState experiment(String name) {
        ExperimentState state = experiments.get(name);
        if (state == null) {
            if (experiments.size() >= limits.maxExperiments()) {
                untrackedExperimentLines++;
                return null;
            }
            state = new ExperimentState(name);
            experiments.put(name, state);
        }
        return state;
    }

    // ---------------------------------------------------------------- result lines

    private void result(JsonNode line, String name, Instant time, Path file, long lineNumber) throws BadLine {
        JsonNode control = Fields.requiredObject(line, "control");
        JsonNode candidates = line.get("candidates");
        if (candidates == null || !candidates.isArray()) {
            throw new BadLine(candidates == null ? "no \"candidates\" field" : "\"candidates\" is not an array");
        }
        // check every candidate before counting any, so that a bad line changes nothing
        Outcome[] outcomes = new Outcome[candidates.size()];
        for (int i = 0; i < outcomes.length; i++) {
            JsonNode candidate = candidates.get(i);
            if (!candidate.isObject()) {
                throw new BadLine("candidate " + i + " is not an object");
            }
            Fields.requiredText(candidate, "name");
            outcomes[i] = outcome(Fields.requiredText(candidate, "outcome"));
        }
        if (!filter.keeps(name) || !filter.inWindow(time)) {
            filteredOut++;
            return;
        }
        ExperimentState experiment = experiment(name);
        if (experiment == null) {
            return;
        }
        resultLines++;
        experiment.resultLines++;
        experiment.seen(time);
        String jvm = Fields.textOr(line, "jvm", "(unknown jvm)");
        experiment.wroteResults(jvm, Fields.textOr(line, "host", "(unknown host)"));
        experiment.expiry(Fields.optionalDate(line, "expiresOn"), Fields.flag(line, "expired", false), time);
        for (int i = 0; i < outcomes.length; i++) {
            Outcome outcome = outcomes[i];
            JsonNode candidate = candidates.get(i);
            experiment.resultOutcomes[outcome.ordinal()]++;
            if (outcome == Outcome.MISMATCH || outcome == Outcome.COMPARISON_FAILED) {
                experiment.trend.add(time, 0, 0, 1);
            }
            if (outcome == Outcome.MISMATCH || outcome == Outcome.COMPARISON_FAILED || outcome == Outcome.TIMED_OUT) {
                group(experiment, line, control, candidate, outcome, time, file, lineNumber);
            }
        }
    }

    private static Outcome outcome(String name) throws BadLine {
        try {
            return Outcome.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new BadLine("unknown outcome " + Text.quote(name, 40));
        }
    }

    private void group(ExperimentState experiment, JsonNode line, JsonNode control, JsonNode candidate,
            Outcome outcome, Instant time, Path file, long lineNumber) {
        String signature = outcome == Outcome.MISMATCH ? Fields.textOr(candidate, "signature", "") : "";
        String key = outcome.name() + ' ' + signature;
        GroupState group = experiment.groups.get(key);
        if (group == null) {
            if (signatures >= limits.maxSignatures()) {
                experiment.untrackedGroupResults++;
                countPaths(experiment, candidate, outcome, null);
                return;
            }
            signatures++;
            group = new GroupState(outcome, signature, time, signatures <= FULL_EXAMPLE_GROUPS);
            experiment.groups.put(key, group);
        }
        group.count++;
        if (time.isBefore(group.firstSeen)) {
            group.firstSeen = time;
        }
        if (time.isAfter(group.lastSeen)) {
            group.lastSeen = time;
        }
        String candidateName = Fields.textOr(candidate, "name", "candidate");
        if (group.candidates.containsKey(candidateName) || group.candidates.size() < 8) {
            group.candidates.merge(candidateName, 1L, Long::sum);
        }
        countPaths(experiment, candidate, outcome, group);
        group.offer(time, () -> example(line, control, candidate, outcome, time, file, lineNumber),
                group.allExamples ? limits.examplesAtEachEnd() : 0, group.allExamples ? limits.examplesAtEachEnd() : 1);
    }

    /** Counts each distinct folded path of a mismatch once, for noisy paths, and adds pairs to the group. */
    private void countPaths(ExperimentState experiment, JsonNode candidate, Outcome outcome, @Nullable GroupState group) {
        JsonNode differences = candidate.get("differences");
        if (differences == null || !differences.isArray() || differences.isEmpty()) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode difference : differences) {
            String path = Fields.optionalText(difference, "path");
            if (path == null) {
                continue;
            }
            String folded = Text.fold(path);
            if (group != null) {
                String pair = Fields.textOr(difference, "op", "?") + " " + (folded.isEmpty() ? "(root)" : folded);
                if (!group.paths.contains(pair)) {
                    if (group.paths.size() < limits.maxPathsPerGroup()) {
                        group.paths.add(Text.cap(pair, MAX_PATH_CHARS));
                    } else {
                        group.morePaths = true;
                    }
                }
            }
            if (outcome == Outcome.MISMATCH && seen.add(folded)) {
                long[] count = experiment.paths.get(folded);
                if (count == null) {
                    if (paths >= limits.maxPaths()) {
                        experiment.untrackedPaths = true;
                        continue;
                    }
                    paths++;
                    count = new long[1];
                    experiment.paths.put(folded, count);
                }
                count[0]++;
            }
        }
    }

    private Example example(JsonNode line, JsonNode control, JsonNode candidate, Outcome outcome, Instant time,
            Path file, long lineNumber) {
        Map<String, String> context = new LinkedHashMap<>();
        JsonNode contextNode = line.get("context");
        if (contextNode != null && contextNode.isObject()) {
            for (Map.Entry<String, JsonNode> entry : contextNode.properties()) {
                if (context.size() >= MAX_CONTEXT_ENTRIES) {
                    break;
                }
                JsonNode value = entry.getValue();
                context.put(Text.cap(entry.getKey(), MAX_CONTEXT_CHARS),
                        Text.cap(value.isTextual() ? value.textValue() : value.toString(), MAX_CONTEXT_CHARS));
            }
        }
        List<Difference> differences = new ArrayList<>();
        JsonNode differencesNode = candidate.get("differences");
        long differenceCount = 0;
        if (differencesNode != null && differencesNode.isArray()) {
            differenceCount = differencesNode.size();
            for (JsonNode difference : differencesNode) {
                if (differences.size() >= limits.maxExampleDifferences()) {
                    break;
                }
                Difference parsed = difference(difference);
                if (parsed != null) {
                    differences.add(parsed);
                }
            }
        }
        JsonNode total = candidate.get("differenceCount");
        if (total != null && total.canConvertToLong()) {
            differenceCount = Math.max(differenceCount, total.longValue());
        }
        JsonNode candidateRun = candidate.get("run");
        String key = Fields.optionalText(line, "key");
        String note = Fields.optionalText(candidate, "note");
        String traceId = Fields.optionalText(line, "traceId");
        return new Example(time, Text.cap(Fields.textOr(line, "host", "(unknown host)"), MAX_CONTEXT_CHARS),
                Text.cap(Fields.textOr(line, "jvm", "(unknown jvm)"), MAX_CONTEXT_CHARS),
                key == null ? null : Text.cap(key, MAX_CONTEXT_CHARS), context,
                traceId == null ? null : Text.cap(traceId, 64),
                Text.cap(Fields.textOr(candidate, "name", "candidate"), MAX_CONTEXT_CHARS), outcome, run(control),
                candidateRun != null && candidateRun.isObject() ? run(candidateRun) : null, differences,
                differenceCount, Fields.flag(candidate, "structural", true),
                note == null ? null : Text.cap(note, MAX_MESSAGE_CHARS), file, lineNumber);
    }

    private Example.Run run(JsonNode run) {
        JsonNode duration = run.get("durationNanos");
        long durationNanos = duration != null && duration.canConvertToLong() ? duration.longValue() : -1;
        String value = null;
        boolean cut = false;
        long fullLength = -1;
        JsonNode valueNode = run.get("value");
        if (valueNode != null) {
            value = json(valueNode);
            fullLength = value.length();
            if (value.length() > limits.maxExampleValueChars()) {
                value = cutJson(value, limits.maxExampleValueChars());
                cut = true;
            }
        }
        boolean truncated = Fields.flag(run, "valueTruncated", false);
        JsonNode length = run.get("valueLength");
        if (truncated && length != null && length.canConvertToLong()) {
            fullLength = length.longValue();
        }
        String exceptionClass = null;
        String exceptionMessage = null;
        JsonNode exception = run.get("exception");
        if (exception != null && exception.isObject()) {
            exceptionClass = Text.cap(Fields.textOr(exception, "class", "(unknown exception)"), MAX_CONTEXT_CHARS);
            String message = Fields.optionalText(exception, "message");
            exceptionMessage = message == null ? null : Text.cap(message, MAX_MESSAGE_CHARS);
        }
        return new Example.Run(durationNanos, value, truncated, cut, fullLength, exceptionClass, exceptionMessage,
                Fields.flag(run, "completed", true));
    }

    private @Nullable Difference difference(JsonNode difference) {
        String opName = Fields.optionalText(difference, "op");
        String path = Fields.optionalText(difference, "path");
        if (opName == null || path == null) {
            return null;
        }
        Operation op;
        try {
            op = Operation.valueOf(opName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
        JsonNode value = difference.get("value");
        JsonNode previous = difference.get("previous");
        String textDiff = Fields.optionalText(difference, "textDiff");
        return new Difference(op, Text.cap(path, MAX_PATH_CHARS),
                value == null ? null : cutJson(json(value), MAX_DIFF_VALUE_CHARS),
                previous == null ? null : cutJson(json(previous), MAX_DIFF_VALUE_CHARS),
                textDiff == null ? null : Text.cap(textDiff, MAX_TEXT_DIFF_CHARS));
    }

    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return "\"(not writable: " + e.getOriginalMessage().replace('"', '\'') + ")\"";
        }
    }

    /** JSON text cut to a JSON string of its first {@code max} characters, so that it stays JSON. */
    private String cutJson(String json, int max) {
        if (json.length() <= max) {
            return json;
        }
        try {
            return mapper.writeValueAsString(Text.cap(json, max));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string is always writable", e);
        }
    }

    // ---------------------------------------------------------------- summary lines

    private void summary(JsonNode line, String name, Instant time) throws BadLine {
        String jvm = Fields.requiredText(line, "jvm");
        long[] counts = new long[Snapshot.SIZE];
        counts[Snapshot.SAMPLED] = Fields.requiredCount(line, "sampled");
        counts[Snapshot.DROPPED] = Fields.count(line, "dropped", 0);
        readOutcomes(Fields.requiredObject(line, "outcomes"), counts, Snapshot.OUTCOMES);
        counts[Snapshot.ERRORS] = Fields.count(line, "candidateErrors", 0);
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
                        ? entry.getKey() : OTHER_CANDIDATES;
                candidates.merge(candidate, perCandidate, Aggregator::add);
            }
        }
        LatencySummary controlLatency = LatencySummary.empty();
        LatencySummary candidateLatency = LatencySummary.empty();
        JsonNode latency = Fields.optionalObject(line, "latency");
        if (latency != null) {
            controlLatency = latency(latency, "control");
            candidateLatency = latency(latency, "candidate");
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
        ExperimentState experiment = experiment(name);
        if (experiment == null) {
            return;
        }
        PairState pair = experiment.pairs.get(jvm);
        if (pair == null) {
            if (pairs >= limits.maxJvms()) {
                experiment.untrackedSummaries++;
                return;
            }
            pairs++;
            pair = new PairState();
            experiment.pairs.put(jvm, pair);
        }
        if (pair.time != null && time.isBefore(pair.time)) {
            outOfOrderSummaries++; // its counts are inside the newer summary already read
            return;
        }
        boolean inWindow = filter.since() == null || !time.isBefore(filter.since());
        if (inWindow) {
            summaryLines++;
            experiment.summaryLines++;
            experiment.seen(time);
            experiment.host(Fields.textOr(line, "host", "(unknown host)"));
            long[] delta = new long[Snapshot.SIZE];
            for (int i = 0; i < delta.length; i++) {
                delta[i] = Math.max(0, counts[i] - pair.counts[i]);
                experiment.window[i] += delta[i];
            }
            for (Map.Entry<String, long[]> entry : candidates.entrySet()) {
                long[] before = pair.candidates.get(entry.getKey());
                long[] now = entry.getValue();
                long[] candidateDelta = new long[now.length];
                for (int i = 0; i < now.length; i++) {
                    candidateDelta[i] = Math.max(0, now[i] - (before == null ? 0 : before[i]));
                }
                experiment.candidate(entry.getKey(), candidateDelta);
            }
            for (Map.Entry<String, Long> fault : faults.entrySet()) {
                long delta1 = Math.max(0, fault.getValue() - pair.faults.getOrDefault(fault.getKey(), 0L));
                if (experiment.faults.containsKey(fault.getKey()) || experiment.faults.size() < MAX_FAULT_KINDS) {
                    experiment.faults.merge(fault.getKey(), delta1, Long::sum);
                }
            }
            long compared = 0;
            for (Outcome outcome : Snapshot.COMPARED) {
                compared += delta[Snapshot.OUTCOMES + outcome.ordinal()];
            }
            long mismatches = delta[Snapshot.OUTCOMES + Outcome.MISMATCH.ordinal()]
                    + delta[Snapshot.OUTCOMES + Outcome.COMPARISON_FAILED.ordinal()];
            experiment.trend.add(time, compared, mismatches, 0);
            pair.inWindow = true;
            pair.controlLatency = controlLatency;
            pair.candidateLatency = candidateLatency;
            experiment.criteria(line, time);
            experiment.expiry(Fields.optionalDate(line, "expiresOn"), Fields.flag(line, "expired", false), time);
        } else {
            filteredOut++; // used only as the baseline of the window
        }
        pair.time = time;
        pair.counts = counts;
        pair.candidates = candidates;
        pair.faults = faults;
    }

    private static long[] add(long[] a, long[] b) {
        long[] sum = a.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += b[i];
        }
        return sum;
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
        return new LatencySummary(Fields.count(node, "count", 0), Duration.ofNanos(Fields.count(node, "p50Nanos", 0)),
                Duration.ofNanos(Fields.count(node, "p90Nanos", 0)), Duration.ofNanos(Fields.count(node, "p99Nanos", 0)),
                Duration.ofNanos(Fields.count(node, "maxNanos", 0)));
    }

    // ---------------------------------------------------------------- the summary

    Summary finish(Instant generatedAt, ReadStats read) {
        LocalDate today = LocalDate.ofInstant(generatedAt, ZoneOffset.UTC);
        List<ExperimentSummary> summaries = new ArrayList<>(experiments.size());
        for (ExperimentState experiment : experiments.values()) {
            summaries.add(experiment.summarize(today));
        }
        summaries.sort(Comparator.comparing(ExperimentSummary::experiment));
        return new Summary(generatedAt, filter, read, summaries);
    }

    /** Sentences for the bounds reached across experiments. */
    List<String> limitsReached() {
        List<String> reached = new ArrayList<>();
        if (untrackedExperimentLines > 0) {
            reached.add(untrackedExperimentLines + " lines of experiments past the first " + limits.maxExperiments()
                    + " were not counted (use --experiment to pick the ones to report)");
        }
        if (signatures >= limits.maxSignatures()) {
            reached.add("the bound of " + limits.maxSignatures() + " signature groups was reached: further "
                    + "signatures are counted per experiment but not grouped");
        }
        if (paths >= limits.maxPaths()) {
            reached.add("the bound of " + limits.maxPaths() + " distinct differing paths was reached: further "
                    + "paths were not counted, so some noisy paths may be missing");
        }
        if (pairs >= limits.maxJvms()) {
            reached.add("the bound of " + limits.maxJvms() + " JVM-experiment pairs was reached: summaries of "
                    + "further JVMs are not in the totals");
        }
        return reached;
    }

    /** Index layout of a summary line's cumulative counts. */
    private static final class Snapshot {
        static final int SAMPLED = 0;
        static final int DROPPED = 1;
        static final int OUTCOMES = 2;
        static final int ERRORS = OUTCOMES + Outcome.values().length;
        static final int SIZE = ERRORS + 1;
        static final List<Outcome> COMPARED =
                List.of(Outcome.MATCH, Outcome.MISMATCH, Outcome.IGNORED, Outcome.COMPARISON_FAILED);

        private Snapshot() {}
    }

    /** The last summary of one {@code (jvm, experiment)}. */
    private static final class PairState {
        @Nullable Instant time;
        long[] counts = new long[Snapshot.SIZE];
        Map<String, long[]> candidates = Map.of();
        Map<String, Long> faults = Map.of();
        boolean inWindow;
        LatencySummary controlLatency = LatencySummary.empty();
        LatencySummary candidateLatency = LatencySummary.empty();
    }

    /** One signature group: counts, a bounded set of pairs, the first and the last few examples. */
    private static final class GroupState {
        final Outcome outcome;
        final String signature;
        long count;
        Instant firstSeen;
        Instant lastSeen;
        final Map<String, Long> candidates = new LinkedHashMap<>();
        final Set<String> paths = new LinkedHashSet<>();
        boolean morePaths;
        /** Oldest first; at most n each. */
        final List<Example> first = new ArrayList<>();
        final List<Example> last = new ArrayList<>();

        final boolean allExamples;

        GroupState(Outcome outcome, String signature, Instant time, boolean allExamples) {
            this.allExamples = allExamples;
            this.outcome = outcome;
            this.signature = signature;
            this.firstSeen = time;
            this.lastSeen = time;
        }

        interface ExampleSource {
            Example get();
        }

        /** Builds the example only when one of the two ends keeps it: most results are never copied. */
        void offer(Instant time, ExampleSource source, int firstN, int lastN) {
            boolean wantFirst = firstN > 0
                    && (first.size() < firstN || time.isBefore(first.get(first.size() - 1).time()));
            boolean wantLast = lastN > 0 && (last.size() < lastN || time.isAfter(last.get(0).time()));
            if (!wantFirst && !wantLast) {
                return;
            }
            Example example = source.get();
            if (wantFirst) {
                insert(first, example);
                if (first.size() > firstN) {
                    first.remove(first.size() - 1);
                }
            }
            if (wantLast) {
                insert(last, example);
                if (last.size() > lastN) {
                    last.remove(0);
                }
            }
        }

        private static void insert(List<Example> list, Example example) {
            int at = list.size();
            while (at > 0 && list.get(at - 1).time().isAfter(example.time())) {
                at--;
            }
            list.add(at, example);
        }

        List<Example> examples() {
            Map<Example, Boolean> distinct = new IdentityHashMap<>();
            List<Example> all = new ArrayList<>();
            for (Example example : first) {
                if (distinct.put(example, Boolean.TRUE) == null) {
                    all.add(example);
                }
            }
            for (Example example : last) {
                if (distinct.put(example, Boolean.TRUE) == null) {
                    all.add(example);
                }
            }
            all.sort(Comparator.comparing(Example::time));
            return all;
        }
    }

    /** Buckets of an hour, turned into buckets of a day when there would be more than 90 days of hours. */
    private static final class TrendBuckets {
        private static final long HOUR = 3_600;
        private static final long DAY = 86_400;
        private static final int MAX_HOURS = 90 * 24;
        private static final int MAX_DAYS = 100 * 366;

        private TreeMap<Long, long[]> buckets = new TreeMap<>();
        private long width = HOUR;
        private boolean hasRates;

        void add(Instant time, long compared, long mismatches, long mismatchResults) {
            if (compared > 0) {
                hasRates = true;
            }
            long key = Math.floorDiv(time.getEpochSecond(), width);
            long[] bucket = buckets.get(key);
            if (bucket == null) {
                if (width == HOUR && buckets.size() >= MAX_HOURS) {
                    toDays();
                    add(time, compared, mismatches, mismatchResults);
                    return;
                }
                if (buckets.size() >= MAX_DAYS) {
                    return; // a century of days: the chart cannot show more anyway
                }
                bucket = new long[3];
                buckets.put(key, bucket);
            }
            bucket[0] += compared;
            bucket[1] += mismatches;
            bucket[2] += mismatchResults;
        }

        private void toDays() {
            TreeMap<Long, long[]> days = new TreeMap<>();
            for (Map.Entry<Long, long[]> hour : buckets.entrySet()) {
                days.merge(Math.floorDiv(hour.getKey() * HOUR, DAY), hour.getValue(), Aggregator::add);
            }
            buckets = days;
            width = DAY;
        }

        Trend trend() {
            if (buckets.isEmpty()) {
                return Trend.empty();
            }
            if (width == HOUR && (buckets.lastKey() - buckets.firstKey()) >= 72) {
                toDays();
            }
            long first = buckets.firstKey();
            long span = buckets.lastKey() - first + 1;
            long perPoint = (span + Trend.MAX_POINTS - 1) / Trend.MAX_POINTS;
            long start = Math.floorDiv(first, perPoint) * perPoint;
            int count = (int) ((buckets.lastKey() - start) / perPoint + 1);
            long[][] sums = new long[count][3];
            for (Map.Entry<Long, long[]> bucket : buckets.entrySet()) {
                long[] sum = sums[(int) ((bucket.getKey() - start) / perPoint)];
                for (int i = 0; i < 3; i++) {
                    sum[i] += bucket.getValue()[i];
                }
            }
            List<Trend.Point> points = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                points.add(new Trend.Point(Instant.ofEpochSecond((start + i * perPoint) * width), sums[i][0],
                        sums[i][1], sums[i][2]));
            }
            return new Trend(Duration.ofSeconds(width * perPoint), points, hasRates);
        }
    }

    private final class ExperimentState {
        final String name;
        @Nullable Instant firstSeen;
        @Nullable Instant lastSeen;
        long resultLines;
        long summaryLines;
        final long[] resultOutcomes = new long[OUTCOMES];
        final Map<String, PairState> pairs = new LinkedHashMap<>();
        final Set<String> resultJvms = new HashSet<>();
        final Set<String> hosts = new HashSet<>();
        long untrackedSummaries;
        final long[] window = new long[Snapshot.SIZE];
        final Map<String, long[]> candidates = new LinkedHashMap<>();
        final Map<String, Long> faults = new LinkedHashMap<>();
        @Nullable Instant criteriaTime;
        @Nullable ReadinessCriteria criteria;
        boolean criteriaInvalid;
        @Nullable Instant expiryTime;
        @Nullable LocalDate expiresOn;
        boolean expired;
        final Map<String, GroupState> groups = new HashMap<>();
        long untrackedGroupResults;
        final Map<String, long[]> paths = new HashMap<>();
        boolean untrackedPaths;
        final TrendBuckets trend = new TrendBuckets();

        ExperimentState(String name) {
            this.name = name;
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

        void candidate(String candidate, long[] delta) {
            String name = candidates.containsKey(candidate) || candidates.size() < MAX_CANDIDATES ? candidate
                    : OTHER_CANDIDATES;
            candidates.merge(name, delta, Aggregator::add);
        }

        void expiry(@Nullable LocalDate date, boolean expiredFlag, Instant time) {
            expired |= expiredFlag;
            if (date != null && (expiryTime == null || !time.isBefore(expiryTime))) {
                expiresOn = date;
                expiryTime = time;
            }
        }

        void criteria(JsonNode line, Instant time) {
            if (criteriaTime != null && time.isBefore(criteriaTime)) {
                return;
            }
            criteriaTime = time;
            JsonNode node = Fields.optionalObject(line, "criteria");
            try {
                if (node == null) {
                    throw new BadLine("no criteria");
                }
                criteria = ReadinessCriteria.defaults()
                        .withMinComparedSamples(Fields.requiredCount(node, "minComparedSamples"))
                        .withMaxMismatchRate(Fields.number(node, "maxMismatchRate"))
                        .withMaxErrorRate(Fields.number(node, "maxErrorRate"))
                        .withMaxP99Ratio(Fields.number(node, "maxP99Ratio"));
                criteriaInvalid = false;
            } catch (BadLine | IllegalArgumentException e) {
                criteria = null;
                criteriaInvalid = true;
            }
        }

        ExperimentSummary summarize(LocalDate today) {
            List<String> notes = new ArrayList<>();
            Set<String> jvms = new HashSet<>(resultJvms);
            jvms.addAll(pairs.keySet());
            Totals totals = summaryLines == 0 ? null : totals();
            Readiness readiness = null;
            ReadinessCriteria judgedBy = null;
            if (totals != null) {
                judgedBy = criteria != null ? criteria : ReadinessCriteria.defaults();
                if (criteriaInvalid || criteria == null) {
                    notes.add("The latest summary line carries no valid readiness criteria: the defaults are used.");
                }
                LatencySummary candidateLatency = totals.all().latency();
                readiness = judgedBy.evaluate(new ReadinessCriteria.Figures(totals.all().compared(),
                        totals.all().mismatchRate(), totals.all().errorRate(),
                        candidateLatency.count() == 0 ? null : candidateLatency.p99(),
                        totals.control().count() == 0 ? null : totals.control().p99(), totals.all().skippedShare()));
                if (totals.latencyApproximate()) {
                    notes.add("Latency percentiles are count-weighted means over " + totals.latencyJvms()
                            + " JVMs' own percentiles: an approximation (exact percentiles need the histograms).");
                }
                if (filter.since() != null || filter.until() != null) {
                    notes.add("Latency percentiles are cumulative since each JVM started, not limited to the time window.");
                }
                Set<String> withoutSummaries = new HashSet<>(resultJvms);
                withoutSummaries.removeAll(pairs.keySet());
                if (!withoutSummaries.isEmpty()) {
                    notes.add(withoutSummaries.size() + " JVM(s) wrote result lines but no summary line: their calls "
                            + "are in the groups below but not in the totals, rates or readiness.");
                }
            } else if (resultLines > 0) {
                notes.add("No summary lines for this experiment: sampled runs, rates, latency, readiness and noisy "
                        + "paths cannot be computed. The counts below come from result lines, which hold only the "
                        + "calls whose candidates did not all match (every call with the publisher's everyResult "
                        + "option), and the trend shows counts of mismatches, not rates.");
            }
            if (untrackedSummaries > 0) {
                notes.add(untrackedSummaries + " summary lines of JVMs past the bound of " + limits.maxJvms()
                        + " JVM-experiment pairs are not in the totals.");
            }
            if (untrackedGroupResults > 0) {
                notes.add(untrackedGroupResults + " non-matching results had signatures past the bound of "
                        + limits.maxSignatures() + " signature groups: counted, not grouped.");
            }
            if (untrackedPaths) {
                notes.add("Some differing paths came after the bound of " + limits.maxPaths()
                        + " paths and were not counted: noisy paths may be missing.");
            }
            if (candidates.containsKey(OTHER_CANDIDATES)) {
                notes.add("Candidates past the first " + MAX_CANDIDATES + " are counted together as "
                        + OTHER_CANDIDATES + ".");
            }
            boolean pastExpiry = expiresOn != null && today.isAfter(expiresOn);
            List<SignatureGroup> groupList = groups(resultGroupTotal());
            return new ExperimentSummary(name, firstSeen, lastSeen, resultLines, summaryLines, jvms.size(),
                    hosts.size(), totals, outcomeMap(resultOutcomes, 0), judgedBy, readiness,
                    new Expiry(expiresOn, expired || pastExpiry), groupList, untrackedGroupResults,
                    noisyPaths(totals), trend.trend(), notes);
        }

        private long resultGroupTotal() {
            long total = untrackedGroupResults;
            for (GroupState group : groups.values()) {
                total += group.count;
            }
            return total;
        }

        private List<SignatureGroup> groups(long total) {
            List<SignatureGroup> list = new ArrayList<>(groups.size());
            for (GroupState group : groups.values()) {
                list.add(new SignatureGroup(group.outcome, group.signature, group.count,
                        total == 0 ? 0 : (double) group.count / total, group.firstSeen, group.lastSeen,
                        group.candidates, new ArrayList<>(group.paths), group.morePaths, group.examples()));
            }
            list.sort(Comparator.comparingLong(SignatureGroup::count).reversed()
                    .thenComparing(SignatureGroup::firstSeen).thenComparing(SignatureGroup::title));
            return list;
        }

        private List<NoisyPath> noisyPaths(@Nullable Totals totals) {
            if (totals == null) {
                return List.of();
            }
            long compared = totals.all().compared();
            List<NoisyPath> noisy = new ArrayList<>();
            for (Map.Entry<String, long[]> path : paths.entrySet()) {
                long differing = path.getValue()[0];
                if (!path.getKey().isEmpty() && compared > 0 && differing >= NOISY_MIN_RESULTS
                        && differing >= NOISY_SHARE * compared) {
                    noisy.add(new NoisyPath(path.getKey(), differing, compared));
                }
            }
            noisy.sort(Comparator.comparingLong(NoisyPath::differing).reversed().thenComparing(NoisyPath::path));
            return noisy;
        }

        private Totals totals() {
            long[] controlSums = new long[4];
            long[] candidateSums = new long[4];
            double[] controlWeighted = new double[3];
            double[] candidateWeighted = new double[3];
            int latencyJvms = 0;
            for (PairState pair : pairs.values()) {
                if (!pair.inWindow) {
                    continue;
                }
                boolean any = weigh(pair.controlLatency, controlSums, controlWeighted);
                any |= weigh(pair.candidateLatency, candidateSums, candidateWeighted);
                if (any) {
                    latencyJvms++;
                }
            }
            LatencySummary control = merged(controlSums, controlWeighted);
            LatencySummary candidate = merged(candidateSums, candidateWeighted);
            CandidateStats all = new CandidateStats("*", outcomeMap(window, Snapshot.OUTCOMES), window[Snapshot.ERRORS],
                    candidate);
            List<CandidateStats> perCandidate = new ArrayList<>(candidates.size());
            for (Map.Entry<String, long[]> entry : candidates.entrySet()) {
                perCandidate.add(new CandidateStats(entry.getKey(), outcomeMap(entry.getValue(), 0),
                        entry.getValue()[OUTCOMES], LatencySummary.empty()));
            }
            return new Totals(window[Snapshot.SAMPLED], window[Snapshot.DROPPED], all, perCandidate, control,
                    latencyJvms, faults);
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
        return new LatencySummary(count, Duration.ofNanos(Math.round(weighted[0] / count)),
                Duration.ofNanos(Math.round(weighted[1] / count)), Duration.ofNanos(Math.round(weighted[2] / count)),
                Duration.ofNanos(sums[1]));
    }

    private static Map<Outcome, Long> outcomeMap(long[] counts, int offset) {
        Map<Outcome, Long> map = new java.util.EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            map.put(outcome, counts[offset + outcome.ordinal()]);
        }
        return map;
    }
}
