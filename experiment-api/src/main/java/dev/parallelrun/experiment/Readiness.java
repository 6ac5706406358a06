package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether a candidate is ready to replace the control, and if not, which criterion fails.
 *
 * @param checks one check per criterion of {@link ReadinessCriteria}, in a fixed order
 */
public record Readiness(List<Check> checks) {

    /**
     * One criterion checked against the figures.
     *
     * @param criterion what is checked ({@code samples}, {@code mismatch rate}, ...)
     * @param requirement what it must be ({@code below 0.100%})
     * @param actual what it is ({@code 0.530%})
     * @param passed whether it meets the requirement
     */
    public record Check(String criterion, String requirement, String actual, boolean passed) {
        /** Checks the parts. */
        public Check {
            requireNonNull(criterion, "criterion");
            requireNonNull(requirement, "requirement");
            requireNonNull(actual, "actual");
        }

        @Override
        public String toString() {
            return criterion + " " + actual + " (needs " + requirement + ")";
        }
    }

    /** Copies the list. */
    public Readiness {
        checks = List.copyOf(checks);
    }

    /** True when every criterion passes. */
    public boolean ready() {
        return checks.stream().allMatch(Check::passed);
    }

    /** The checks that fail; empty when {@link #ready()}. */
    public List<Check> failing() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** {@code READY}, or {@code NOT READY: } followed by each failing check. */
    public String verdict() {
        if (ready()) {
            return "READY";
        }
        return failing().stream().map(Check::toString).collect(Collectors.joining("; ", "NOT READY: ", ""));
    }

    @Override
    public String toString() {
        return verdict();
    }
}
