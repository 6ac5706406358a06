package dev.parallelrun.runtime;

import org.jspecify.annotations.Nullable;

/**
 * The experiments whose candidates the current thread is running, innermost first. A call made from
 * inside a candidate of the same experiment is never sampled, so a candidate that reaches its own
 * experiment cannot start a chain of candidates.
 */
final class CandidateChain {

    private static final ThreadLocal<@Nullable CandidateChain> CURRENT = new ThreadLocal<>();

    private final Object experiment;
    private final @Nullable CandidateChain outer;

    private CandidateChain(Object experiment, @Nullable CandidateChain outer) {
        this.experiment = experiment;
        this.outer = outer;
    }

    /** The chain of the current thread, or {@code null} outside any candidate. */
    static @Nullable CandidateChain current() {
        return CURRENT.get();
    }

    /** True when the current thread runs a candidate of {@code experiment}, directly or further out. */
    @SuppressWarnings("ReferenceEquality") // identity: this experiment instance, not one equal to it
    static boolean inside(Object experiment) {
        for (CandidateChain chain = CURRENT.get(); chain != null; chain = chain.outer) {
            if (chain.experiment == experiment) {
                return true;
            }
        }
        return false;
    }

    /** Marks the current (candidate) thread as running a candidate of {@code experiment} within {@code outer}. */
    static void enter(Object experiment, @Nullable CandidateChain outer) {
        CURRENT.set(new CandidateChain(experiment, outer));
    }

    /** Clears the mark of the current thread. */
    static void leave() {
        CURRENT.remove();
    }
}
