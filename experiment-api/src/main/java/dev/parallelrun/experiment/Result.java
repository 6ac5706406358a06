package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything one sampled call of an experiment produced: the control's run, each candidate's run,
 * outcome and differences, and the call's context. Made once per sampled call, off the caller's
 * thread, and handed to every {@link Publisher}.
 *
 * @param experiment the experiment's name
 * @param call the call's key and context as the caller gave them
 * @param context what the experiment's context supplier returned, then the call's own context entries
 *     (the call's win when both have a key); unmodifiable
 * @param startedAt when the sampled call started
 * @param control what the control did
 * @param candidates each candidate's part, in the order they were given; unmodifiable
 * @param trace the caller's trace, or {@code null} when it was in none
 * @param expiresOn the experiment's expiry date, or {@code null}
 * @param expired true when the call happened after the expiry date
 * @param input the call's input as it may be published (redacted, capped), when the experiment captures inputs;
 *     else {@code null}
 * @param <T> the experiment's value type
 */
public record Result<T extends @Nullable Object>(
        String experiment,
        Call call,
        Map<String, String> context,
        Instant startedAt,
        Run<T> control,
        List<CandidateResult<T>> candidates,
        @Nullable TraceIds trace,
        @Nullable LocalDate expiresOn,
        boolean expired,
        @Nullable PublishedValue input) {

    /** Checks the parts and copies the collections. */
    public Result {
        requireNonNull(experiment, "experiment");
        requireNonNull(call, "call");
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
        requireNonNull(startedAt, "startedAt");
        requireNonNull(control, "control");
        candidates = List.copyOf(candidates);
    }

    /** A result without a captured input. */
    public Result(
            String experiment,
            Call call,
            Map<String, String> context,
            Instant startedAt,
            Run<T> control,
            List<CandidateResult<T>> candidates,
            @Nullable TraceIds trace,
            @Nullable LocalDate expiresOn,
            boolean expired) {
        this(experiment, call, context, startedAt, control, candidates, trace, expiresOn, expired, null);
    }

    /**
     * True when every candidate matched: nothing mismatched, nothing was ignored, and every candidate ran and was
     * compared (Scientist's {@code matched?}).
     */
    public boolean matched() {
        for (CandidateResult<T> candidate : candidates) {
            if (candidate.outcome() != Outcome.MATCH) {
                return false;
            }
        }
        return true;
    }

    /** The candidates whose outcome is {@link Outcome#MISMATCH}, in order. */
    public List<CandidateResult<T>> mismatched() {
        return withOutcome(Outcome.MISMATCH);
    }

    /** The candidates whose outcome is {@link Outcome#IGNORED}, in order. */
    public List<CandidateResult<T>> ignored() {
        return withOutcome(Outcome.IGNORED);
    }

    /** True when some candidate's outcome is {@link Outcome#MISMATCH}. */
    public boolean anyMismatched() {
        return anyOutcome(Outcome.MISMATCH);
    }

    /** True when every candidate's outcome is {@link Outcome#acceptable()}: what strict mode accepts. */
    public boolean acceptable() {
        for (CandidateResult<T> candidate : candidates) {
            if (!candidate.outcome().acceptable()) {
                return false;
            }
        }
        return true;
    }

    /** True when some candidate's outcome {@link Outcome#needsAttention()}. */
    public boolean needsAttention() {
        for (CandidateResult<T> candidate : candidates) {
            if (candidate.outcome().needsAttention()) {
                return true;
            }
        }
        return false;
    }

    private List<CandidateResult<T>> withOutcome(Outcome outcome) {
        List<CandidateResult<T>> found = new ArrayList<>();
        for (CandidateResult<T> candidate : candidates) {
            if (candidate.outcome() == outcome) {
                found.add(candidate);
            }
        }
        return Collections.unmodifiableList(found);
    }

    /** True when some candidate's outcome is {@code outcome}. */
    public boolean anyOutcome(Outcome outcome) {
        for (CandidateResult<T> candidate : candidates) {
            if (candidate.outcome() == outcome) {
                return true;
            }
        }
        return false;
    }

    /** The candidate named {@code name}, or {@code null}. */
    public @Nullable CandidateResult<T> candidate(String name) {
        for (CandidateResult<T> candidate : candidates) {
            if (candidate.name().equals(name)) {
                return candidate;
            }
        }
        return null;
    }
}
