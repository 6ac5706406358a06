package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One candidate's part of a {@link Result}.
 *
 * @param name the candidate's name ({@link Candidates#DEFAULT_NAME} for a lone unnamed one)
 * @param outcome what the candidate came to
 * @param run what the candidate did; {@code null} when it was {@link Outcome#SKIPPED}
 * @param diff how its value differs from the control's; {@link Diff#none()} when it does not, or when there was
 *     nothing to compare
 * @param note why the outcome is what it is, when that is not obvious (the exception of a failed comparator, the
 *     reason for a skip); else {@code null}
 * @param skipReason why it was skipped, for {@link Outcome#SKIPPED}; else {@code null}
 * @param fault what the comparator or error comparator threw, for {@link Outcome#COMPARISON_FAILED}; else
 *     {@code null}
 * @param <T> the experiment's value type
 */
public record CandidateResult<T extends @Nullable Object>(
        String name,
        Outcome outcome,
        @Nullable Run<T> run,
        Diff diff,
        @Nullable String note,
        @Nullable SkipReason skipReason,
        @Nullable Throwable fault) {

    /** Checks the parts. */
    public CandidateResult {
        requireNonNull(name, "name");
        requireNonNull(outcome, "outcome");
        requireNonNull(diff, "diff");
        if ((outcome == Outcome.SKIPPED) != (skipReason != null)) {
            throw new IllegalArgumentException(
                    "a skip reason goes with SKIPPED and only with it: " + outcome + ", " + skipReason);
        }
    }

    /** A candidate that ran and was judged: match, mismatch or ignored. */
    public static <T extends @Nullable Object> CandidateResult<T> judged(
            String name, Outcome outcome, Run<T> run, Diff diff, @Nullable String note) {
        return new CandidateResult<>(name, outcome, run, diff, note, null, null);
    }

    /** A candidate that was not run. */
    public static <T extends @Nullable Object> CandidateResult<T> skipped(String name, SkipReason reason) {
        return new CandidateResult<>(name, Outcome.SKIPPED, null, Diff.none(), reason.description(), reason, null);
    }

    /** A candidate that did not finish (or start) in time. */
    public static <T extends @Nullable Object> CandidateResult<T> timedOut(String name, Run<T> run, String note) {
        return new CandidateResult<>(name, Outcome.TIMED_OUT, run, Diff.none(), note, null, null);
    }

    /** A candidate whose comparison threw {@code fault}. */
    public static <T extends @Nullable Object> CandidateResult<T> comparisonFailed(
            String name, @Nullable Run<T> run, Throwable fault, String note) {
        return new CandidateResult<>(name, Outcome.COMPARISON_FAILED, run, Diff.none(), note, null, fault);
    }
}
