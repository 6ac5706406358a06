package dev.parallelrun.report;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * What to do next about one failing or inconclusive check, or about an expired experiment, or about a migration (a
 * rollback to acknowledge, keys to backfill, whether to advance): one plain sentence, and sometimes a line of code
 * or a command to paste or a group of mismatches to look at.
 *
 * @param topic what it is about
 * @param text the step, for a person
 * @param code a line to paste, or {@code null}: into the experiment's builder (an {@code ignorePaths} line), onto a
 *     test (the {@code @MismatchSource} line that replays the group to look at), or into a shell (the command that
 *     lists the keys to backfill)
 * @param group the mismatch group to look at (one of the experiment's {@link ExperimentSummary#groups()}), or
 *     {@code null}
 */
public record NextStep(
        Topic topic,
        String text,
        @Nullable String code,
        @Nullable SignatureGroup group) {

    /** What a next step is about. */
    public enum Topic {
        /** The experiment is past its expiry date. */
        EXPIRED,
        /** Most sampled candidate runs were skipped: the verdict is inconclusive. */
        SKIPPED,
        /** A path differs on nearly every call. */
        NOISY_PATH,
        /** The mismatch rate is too high. */
        MISMATCHES,
        /** The candidate error rate is too high. */
        ERRORS,
        /** The candidate's p99 latency is too high. */
        LATENCY,
        /** Too few calls were compared. */
        SAMPLES,
        /** A criterion this report does not know fails. */
        OTHER,
        /** A migration rolled back by itself and awaits acknowledgement. */
        ROLLBACK,
        /** Writes of a migration's other side failed: their keys need a backfill. */
        BACKFILL,
        /** Whether a migration in SHADOW may advance to LIVE. */
        ADVANCE
    }

    /** Checks the parts. */
    public NextStep {
        requireNonNull(topic, "topic");
        requireNonNull(text, "text");
    }
}
