package dev.parallelrun.report;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.Outcome;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Non-matching results of one experiment that are the same edge case: the same outcome and, for mismatches,
 * the same signature (the engine's hash of the sorted {@code op path} pairs, array indices folded to
 * {@code *}). Timeouts and failed comparisons carry no signature and form one group per outcome.
 *
 * @param outcome {@code MISMATCH}, {@code COMPARISON_FAILED} or {@code TIMED_OUT}
 * @param signature the signature, or {@code ""} when the results carried none
 * @param count candidate results in the group
 * @param share {@code count} over the experiment's non-matching results in result lines
 * @param firstSeen the earliest result's time
 * @param lastSeen the latest result's time
 * @param candidates how many of {@code count} came from each candidate (the first few names)
 * @param paths the distinct {@code op path} pairs seen, indices folded (the first
 *     {@link ReadLimits#maxPathsPerGroup()})
 * @param morePaths true when further pairs were seen but not kept
 * @param examples the first and the last few results, oldest first
 * @param replay the line that replays the group's calls in a test, for the {@code parallel-run-junit} module:
 *     {@code @MismatchSource(files = "mismatches", experiment = "pricing-v2", signatures = "5c7d4a9afa1c5b0f")},
 *     with {@code outcomes = Outcome.TIMED_OUT} (or {@code COMPARISON_FAILED}) instead of a signature for the
 *     groups that carry none; {@code files} names what the report read, as it was given ({@link Summary#inputs()})
 */
public record SignatureGroup(
        Outcome outcome,
        String signature,
        long count,
        double share,
        Instant firstSeen,
        Instant lastSeen,
        Map<String, Long> candidates,
        List<String> paths,
        boolean morePaths,
        List<Example> examples,
        String replay) {

    /** Checks the parts and copies the collections. */
    public SignatureGroup {
        requireNonNull(outcome, "outcome");
        requireNonNull(signature, "signature");
        requireNonNull(firstSeen, "firstSeen");
        requireNonNull(lastSeen, "lastSeen");
        candidates = Collections.unmodifiableMap(new LinkedHashMap<>(candidates));
        paths = List.copyOf(paths);
        examples = List.copyOf(examples);
        requireNonNull(replay, "replay");
    }

    /** A short name for the group: the signature, or the outcome when there is none. */
    public String title() {
        return signature.isEmpty() ? outcome.name() : outcome.name() + " " + signature;
    }

    /** What the group's calls have in common, for a person: {@code Different at replace /total}. */
    public String headline() {
        return switch (outcome) {
            case MISMATCH ->
                paths.isEmpty()
                        ? "Different result"
                        : "Different at "
                                + String.join(", ", paths.stream().limit(3).toList())
                                + (paths.size() > 3 || morePaths ? ", ..." : "");
            case COMPARISON_FAILED -> "The comparison itself failed";
            case TIMED_OUT -> "The new code timed out";
            default -> outcome.name();
        };
    }
}
