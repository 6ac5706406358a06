package dev.parallelrun.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parallelrun.experiment.Outcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Non-matching results grouped by outcome and signature, with a few examples each, and the differing paths
 * counted for noisy paths. The bounds on groups and paths hold over all experiments, so they are counted here;
 * each experiment has its own {@link PerExperiment}.
 */
final class SignatureGroups {

    /** A path is noisy when it differs on at least this share of compared results... */
    static final double NOISY_SHARE = 0.9;
    /** ...and on at least this many, so that three calls out of three do not make a clock. */
    static final long NOISY_MIN_RESULTS = 10;
    /** Groups past this many keep only their latest example, so that examples stay within tens of MB. */
    static final int FULL_EXAMPLE_GROUPS = 200;

    private static final int MAX_GROUP_CANDIDATES = 8;

    private final ReadLimits limits;
    private final ExampleReader examples;
    private int signatures;
    private int paths;

    SignatureGroups(ReadLimits limits, ExampleReader examples) {
        this.limits = limits;
        this.examples = examples;
    }

    boolean signatureBoundReached() {
        return signatures >= limits.maxSignatures();
    }

    boolean pathBoundReached() {
        return paths >= limits.maxPaths();
    }

    /** One experiment's groups and path counts. */
    final class PerExperiment {
        private final Map<String, GroupState> groups = new HashMap<>();
        private final Map<String, long[]> pathCounts = new HashMap<>();
        long untrackedResults;
        boolean untrackedPaths;

        /** Adds one non-matching candidate of a result line to its group (or counts it past the bound). */
        void add(
                JsonNode line,
                JsonNode control,
                JsonNode candidate,
                Outcome outcome,
                Instant time,
                Path file,
                long lineNumber) {
            String signature = outcome == Outcome.MISMATCH ? Fields.textOr(candidate, "signature", "") : "";
            String key = outcome.name() + ' ' + signature;
            GroupState group = groups.get(key);
            if (group == null) {
                if (signatures >= limits.maxSignatures()) {
                    untrackedResults++;
                    countPaths(candidate, outcome, null);
                    return;
                }
                signatures++;
                group = new GroupState(outcome, signature, time, signatures <= FULL_EXAMPLE_GROUPS);
                groups.put(key, group);
            }
            group.count++;
            if (time.isBefore(group.firstSeen)) {
                group.firstSeen = time;
            }
            if (time.isAfter(group.lastSeen)) {
                group.lastSeen = time;
            }
            String candidateName = Fields.textOr(candidate, "name", "candidate");
            if (group.candidates.containsKey(candidateName) || group.candidates.size() < MAX_GROUP_CANDIDATES) {
                group.candidates.merge(candidateName, 1L, Long::sum);
            }
            countPaths(candidate, outcome, group);
            int atEachEnd = limits.examplesAtEachEnd();
            group.offer(
                    time,
                    () -> examples.example(line, control, candidate, outcome, time, file, lineNumber),
                    group.allExamples ? atEachEnd : 0,
                    group.allExamples ? atEachEnd : 1);
        }

        /** Counts each distinct folded path of a mismatch once, for noisy paths, and adds pairs to the group. */
        private void countPaths(JsonNode candidate, Outcome outcome, @Nullable GroupState group) {
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
                            group.paths.add(Text.cap(pair, ExampleReader.MAX_PATH_CHARS));
                        } else {
                            group.morePaths = true;
                        }
                    }
                }
                if (outcome == Outcome.MISMATCH && seen.add(folded)) {
                    long[] count = pathCounts.get(folded);
                    if (count == null) {
                        if (paths >= limits.maxPaths()) {
                            untrackedPaths = true;
                            continue;
                        }
                        paths++;
                        count = new long[1];
                        pathCounts.put(folded, count);
                    }
                    count[0]++;
                }
            }
        }

        /** Non-matching results counted, grouped or not. */
        long total() {
            long total = untrackedResults;
            for (GroupState group : groups.values()) {
                total += group.count;
            }
            return total;
        }

        /** The groups, most frequent first, each with the line that replays it from {@code inputs}. */
        List<SignatureGroup> list(String experiment, List<String> inputs) {
            long total = total();
            List<SignatureGroup> list = new ArrayList<>(groups.size());
            for (GroupState group : groups.values()) {
                list.add(new SignatureGroup(
                        group.outcome,
                        group.signature,
                        group.count,
                        total == 0 ? 0 : (double) group.count / total,
                        group.firstSeen,
                        group.lastSeen,
                        group.candidates,
                        new ArrayList<>(group.paths),
                        group.morePaths,
                        group.examples(),
                        ReplayLine.of(inputs, experiment, group.outcome, group.signature)));
            }
            list.sort(Comparator.comparingLong(SignatureGroup::count)
                    .reversed()
                    .thenComparing(SignatureGroup::firstSeen)
                    .thenComparing(SignatureGroup::title));
            return list;
        }

        /** Paths that differ on nearly every one of {@code compared} calls, most frequent first. */
        List<NoisyPath> noisyPaths(long compared) {
            List<NoisyPath> noisy = new ArrayList<>();
            for (Map.Entry<String, long[]> path : pathCounts.entrySet()) {
                long differing = path.getValue()[0];
                if (!path.getKey().isEmpty()
                        && compared > 0
                        && differing >= NOISY_MIN_RESULTS
                        && differing >= NOISY_SHARE * compared) {
                    noisy.add(new NoisyPath(path.getKey(), differing, compared));
                }
            }
            noisy.sort(Comparator.comparingLong(NoisyPath::differing).reversed().thenComparing(NoisyPath::path));
            return noisy;
        }
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
                    && (first.size() < firstN
                            || time.isBefore(first.get(first.size() - 1).time()));
            boolean wantLast = lastN > 0
                    && (last.size() < lastN || time.isAfter(last.get(0).time()));
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
            IdentityHashMap<Example, Boolean> distinct = new IdentityHashMap<>(); // the very examples kept twice
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
}
