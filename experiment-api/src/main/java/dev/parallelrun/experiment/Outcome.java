package dev.parallelrun.experiment;

/**
 * What one candidate of one sampled call came to. The classes of outcomes that statistics, strict mode,
 * publishers and reports rely on are defined here, once: {@link #compared()}, {@link #countsAsMismatch()},
 * {@link #needsAttention()} and {@link #acceptable()}.
 *
 * <table>
 *   <caption>Outcome classes</caption>
 *   <tr><th>outcome</th><th>compared</th><th>counts as mismatch</th><th>needs attention</th><th>acceptable</th></tr>
 *   <tr><td>MATCH</td><td>yes</td><td></td><td></td><td>yes</td></tr>
 *   <tr><td>MISMATCH</td><td>yes</td><td>yes</td><td>yes</td><td></td></tr>
 *   <tr><td>IGNORED</td><td>yes</td><td></td><td></td><td>yes</td></tr>
 *   <tr><td>TIMED_OUT</td><td></td><td></td><td>yes</td><td></td></tr>
 *   <tr><td>SKIPPED</td><td></td><td></td><td></td><td></td></tr>
 *   <tr><td>COMPARISON_FAILED</td><td>yes</td><td>yes</td><td>yes</td><td></td></tr>
 * </table>
 */
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
    /** The candidate did not finish within the candidate timeout (or never started before it); it was interrupted. */
    TIMED_OUT,
    /** The candidate was not run; {@link CandidateResult#skipReason()} says why. */
    SKIPPED,
    /** The comparator (or error comparator) threw, so nothing is known about this candidate. */
    COMPARISON_FAILED;

    /**
     * True when the candidate ran to the end and the engine tried to compare it: match, mismatch, ignored and
     * comparison failed. The denominator of the mismatch rate.
     */
    public boolean compared() {
        return this != TIMED_OUT && this != SKIPPED;
    }

    /**
     * True for mismatches and failed comparisons: a failed comparison proves nothing, so it counts against
     * readiness like a mismatch. The numerator of the mismatch rate.
     */
    public boolean countsAsMismatch() {
        return this == MISMATCH || this == COMPARISON_FAILED;
    }

    /**
     * True for what a person has to look at one by one: mismatches, timeouts and failed comparisons (what the
     * JSON Lines publisher writes by default). Skips are only counted.
     */
    public boolean needsAttention() {
        return this == MISMATCH || this == TIMED_OUT || this == COMPARISON_FAILED;
    }

    /** True for a match or an ignored difference: the only outcomes strict mode accepts. */
    public boolean acceptable() {
        return this == MATCH || this == IGNORED;
    }
}
