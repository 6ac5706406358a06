package dev.parallelrun.experiment;

/** What one candidate of one sampled run came to. */
public enum Outcome {
    /** The candidate returned what the control returned, or threw what it threw. */
    MATCH,
    /** The candidate differs from the control, including a candidate that threw where the control returned. */
    MISMATCH,
    /**
     * The candidate differs, but only in ways an ignore rule or ignore path accepts. Neither a match nor a
     * mismatch: counted on its own and never as a match.
     */
    IGNORED,
    /** The candidate did not finish within the candidate timeout; it was interrupted. */
    TIMED_OUT,
    /** The candidate was not run: the concurrency cap was reached, or {@code beforeRun} failed. */
    SKIPPED,
    /** The comparator (or error comparator) threw, so nothing is known about this candidate. */
    COMPARISON_FAILED;

    /** True for the outcomes that make strict mode throw: all but {@link #MATCH} and {@link #IGNORED}. */
    public boolean failsStrictMode() {
        return this != MATCH && this != IGNORED;
    }
}
