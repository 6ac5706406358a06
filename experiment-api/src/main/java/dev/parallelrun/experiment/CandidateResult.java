package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One candidate's part of a {@link Result}.
 *
 * @param name the candidate's name ({@link Candidates#DEFAULT_NAME} for a lone unnamed one)
 * @param outcome what the candidate came to
 * @param run what the candidate did; {@code null} when it was {@link Outcome#SKIPPED}
 * @param diff how its value differs from the control's; {@link Diff#none()} when it does not, or when
 *     there was nothing to compare
 * @param note why the outcome is what it is, when that is not obvious (the exception of a failed
 *     comparator, the reason for a skip); else {@code null}
 * @param <T> the experiment's value type
 */
public record CandidateResult<T extends @Nullable Object>(
        String name, Outcome outcome, @Nullable Run<T> run, Diff diff, @Nullable String note) {

    /** Checks the parts. */
    public CandidateResult {
        requireNonNull(name, "name");
        requireNonNull(outcome, "outcome");
        requireNonNull(diff, "diff");
    }
}
