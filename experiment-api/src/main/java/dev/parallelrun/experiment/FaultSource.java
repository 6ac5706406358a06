package dev.parallelrun.experiment;

/**
 * Where a fault an experiment caught came from. Every fault is counted per source in
 * {@link ExperimentStats#faults()}, logged at most once a minute per experiment, handed to the experiment's
 * {@link FaultHandler}, and never reaches the caller. A candidate that throws is not a fault: it is an outcome.
 *
 * <p>The first sources are the user's own callbacks ({@link #userCallback()} is true); the last ones are the
 * library's parts, which see the user's values but are not the user's code.
 */
public enum FaultSource {
    /** The sampler or {@code runIf} threw: the call was not sampled. */
    SAMPLER(true, "the sampler"),
    /** The laboratory's kill-switch supplier threw: the call was not sampled. */
    KILL_SWITCH(true, "the kill switch"),
    /** {@code beforeRun} threw: the candidates of that call were skipped. */
    BEFORE_RUN(true, "beforeRun"),
    /** The context supplier threw, or a thread-local could not be carried over: the result has the call's own context. */
    CONTEXT(true, "the context supplier"),
    /** The comparator threw: the outcome is {@link Outcome#COMPARISON_FAILED}. */
    COMPARATOR(true, "the comparator"),
    /** The error comparator threw: the outcome is {@link Outcome#COMPARISON_FAILED}. */
    ERROR_COMPARATOR(true, "the error comparator"),
    /** An ignore rule threw: it counts as "not ignored" and later rules still run. */
    IGNORE(true, "an ignore rule"),
    /** The cleaner threw: the raw value is published instead, redacted. */
    CLEANER(true, "the cleaner"),
    /** Turning a value into a tree failed: the comparison fell back to {@code equals} and {@code toString}. */
    DIFFER(false, "turning a value into a tree"),
    /** A publisher threw: the other publishers still got the result. */
    PUBLISHER(false, "a publisher"),
    /** The engine itself failed around a call; the caller was not affected and the call still has a result. */
    ENGINE(false, "the engine");

    private final boolean userCallback;
    private final String description;

    FaultSource(boolean userCallback, String description) {
        this.userCallback = userCallback;
        this.description = description;
    }

    /** True for the user's own callbacks, false for the library's parts (differ, publishers, engine). */
    public boolean userCallback() {
        return userCallback;
    }

    /** What failed, in words: {@code "the comparator"}. */
    public String description() {
        return description;
    }
}
