package dev.parallelrun.experiment;

/**
 * The user-supplied pieces of an experiment whose faults are caught, counted and logged (at most
 * once a minute per experiment), and never reach the caller. A candidate that throws is not a fault:
 * it is an outcome.
 */
public enum Callback {
    /** The sampler or {@code runIf} threw: the call was not sampled. */
    SAMPLER,
    /** The laboratory's kill-switch supplier threw: the call was not sampled. */
    KILL_SWITCH,
    /** {@code beforeRun} threw: the candidates of that call were skipped. */
    BEFORE_RUN,
    /** The context supplier threw: the result carries the call's own context only. */
    CONTEXT,
    /** The comparator threw: the outcome is {@link Outcome#COMPARISON_FAILED}. */
    COMPARATOR,
    /** The error comparator threw: the outcome is {@link Outcome#COMPARISON_FAILED}. */
    ERROR_COMPARATOR,
    /** An ignore rule threw: it counts as "not ignored" and later rules still run. */
    IGNORE,
    /** The cleaner threw: the raw value is published instead, redacted. */
    CLEANER,
    /** Turning a value into a tree failed: the comparison fell back to {@code equals} and {@code toString}. */
    DIFFER,
    /** A publisher threw: the other publishers still got the result. */
    PUBLISHER
}
