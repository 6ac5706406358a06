package dev.parallelrun.report;

import dev.parallelrun.experiment.Outcome;

/** What each outcome means, one plain sentence each, and what the shares are of: the same words everywhere. */
final class Legend {

    /** The denominators, said once per report. */
    static final String DENOMINATORS = "The mismatch rate and the shares of MATCH, MISMATCH, IGNORED and "
            + "COMPARISON_FAILED are of compared calls (those four outcomes); the mismatch rate counts MISMATCH and "
            + "COMPARISON_FAILED. TIMED_OUT and SKIPPED runs were not compared: their shares are of all sampled "
            + "candidate runs. The candidate error rate is of the runs that ran (compared or timed out).";

    private Legend() {}

    /** What {@code outcome} means, for a person who does not know the engine. */
    static String of(Outcome outcome) {
        return switch (outcome) {
            case MATCH -> "the new code returned what the old code returned, or threw what it threw.";
            case MISMATCH ->
                "the new code returned something else, or threw where the old code returned: it counts "
                        + "against readiness.";
            case IGNORED ->
                "differed only where an ignore rule or ignored path allows: neither a match nor a "
                        + "mismatch, compared but not counted against readiness.";
            case TIMED_OUT ->
                "the new code did not finish within its timeout: not compared, and counted as a " + "candidate error.";
            case SKIPPED ->
                "the new code was not run (the concurrency cap, a runaway candidate, a pause, beforeRun "
                        + "failing, a full hand-off queue or a closed laboratory): not compared.";
            case COMPARISON_FAILED ->
                "the comparison itself threw, so nothing is known about the call: it counts "
                        + "against readiness like a mismatch.";
        };
    }

    /** True for the outcomes whose share is of compared calls. */
    static boolean compared(Outcome outcome) {
        return outcome != Outcome.TIMED_OUT && outcome != Outcome.SKIPPED;
    }
}
