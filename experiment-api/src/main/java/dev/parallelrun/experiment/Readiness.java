package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Whether a candidate is ready to replace the control, and if not, which criterion fails.
 *
 * @param checks one check per criterion of {@link ReadinessCriteria}, in a fixed order
 * @param status the verdict; derived from the checks when made with a {@code null} status
 */
public record Readiness(List<Check> checks, Status status) {

    /** The three verdicts. */
    public enum Status {
        /** Every criterion passes. */
        READY,
        /** Some criterion fails. */
        NOT_READY,
        /** Too few of the sampled runs were compared to judge: most were skipped. */
        INCONCLUSIVE
    }

    /**
     * One criterion checked against the figures.
     *
     * @param criterion what is checked ({@code samples}, {@code mismatch rate}, ...)
     * @param requirement what it must be ({@code below 0.100%})
     * @param actual what it is ({@code 0.530%})
     * @param passed whether it meets the requirement
     * @param note what a reader should know about this check (the latency floor applied, say), or {@code null}
     */
    public record Check(
            String criterion,
            String requirement,
            String actual,
            boolean passed,
            @Nullable String note) {
        /** Checks the parts. */
        public Check {
            requireNonNull(criterion, "criterion");
            requireNonNull(requirement, "requirement");
            requireNonNull(actual, "actual");
        }

        /** A check without a note. */
        public Check(String criterion, String requirement, String actual, boolean passed) {
            this(criterion, requirement, actual, passed, null);
        }

        @Override
        public String toString() {
            return criterion + " " + actual + " (needs " + requirement + ")" + (note == null ? "" : ": " + note);
        }
    }

    /** Copies the list; a {@code null} status is READY when every check passes, else NOT_READY. */
    public Readiness(List<Check> checks, @Nullable Status status) {
        this.checks = List.copyOf(checks);
        this.status = status != null
                ? status
                : this.checks.stream().allMatch(Check::passed) ? Status.READY : Status.NOT_READY;
    }

    /** The status derived from {@code checks}. */
    public Readiness(List<Check> checks) {
        this(checks, null);
    }

    /** True when the status is {@link Status#READY}. */
    public boolean ready() {
        return status == Status.READY;
    }

    /** True when the status is {@link Status#INCONCLUSIVE}. */
    public boolean inconclusive() {
        return status == Status.INCONCLUSIVE;
    }

    /** The checks that fail; empty when {@link #ready()}. */
    public List<Check> failing() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** {@code READY}, or {@code NOT READY: } / {@code INCONCLUSIVE: } followed by each failing check. */
    public String verdict() {
        if (ready()) {
            return "READY";
        }
        String head = status == Status.INCONCLUSIVE ? "INCONCLUSIVE: " : "NOT READY: ";
        return failing().stream().map(Check::toString).collect(Collectors.joining("; ", head, ""));
    }

    @Override
    public String toString() {
        return verdict();
    }
}
