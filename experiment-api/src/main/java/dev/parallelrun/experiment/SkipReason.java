package dev.parallelrun.experiment;

/**
 * Why a sampled candidate did not run ({@link Outcome#SKIPPED}). Counted per reason in
 * {@link ExperimentStats#skipped()}, so no sampled call vanishes without a word.
 */
public enum SkipReason {
    /** {@code maxConcurrentCandidates} of the experiment were already in flight. */
    CAP("maxConcurrentCandidates reached", "raise maxConcurrentCandidates or lower the sample rate"),
    /**
     * The experiment (or the laboratory) had as many runaway candidates as it allows: candidates past their
     * timeout whose threads still run. It skips until they end.
     */
    RUNAWAYS(
            "runaway candidates still running",
            "find the candidate that ignores interrupts (see the log), or"
                    + " run CPU-heavy candidates on a candidateExecutor"),
    /** The experiment or the laboratory was paused after the call was sampled. */
    PAUSED("paused", "resume the experiment"),
    /** {@code beforeRun} threw. */
    BEFORE_RUN("beforeRun threw", "fix beforeRun (see the log)"),
    /** The experiment's candidate executor rejected the candidate (or tried to run it on the engine's own thread). */
    REJECTED(
            "the candidate executor rejected it",
            "give the candidate executor more threads or a longer queue, or" + " lower the sample rate"),
    /** The engine's hand-off queue was full: sampled calls arrived faster than candidates could be started. */
    BACKLOG("the hand-off queue was full", "lower the sample rate"),
    /** The laboratory was closed. */
    CLOSED("the laboratory was closed", "nothing: the application is shutting down");

    private final String description;
    private final String remedy;

    SkipReason(String description, String remedy) {
        this.description = description;
        this.remedy = remedy;
    }

    /** What happened, in words. */
    public String description() {
        return description;
    }

    /** What a person can do about it. */
    public String remedy() {
        return remedy;
    }
}
