package dev.parallelrun.report;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Whether an experiment's candidate is ready to replace the control: the engine's verdict, as a summary line
 * wrote it when the experiment ran in one JVM, or computed by the report over the totals of several.
 *
 * @param status ready, not ready, or inconclusive (most sampled candidate runs were skipped, so the figures do
 *     not speak for the traffic)
 * @param checks one per criterion, in the engine's order, then the report's own
 * @param fromSummaryLine true when this is the verdict a summary line wrote (completed with the skipped share
 *     when the line predates it); false when the report computed it over the totals
 */
public record Verdict(Status status, List<Check> checks, boolean fromSummaryLine) {

    /** The three verdicts. */
    public enum Status {
        /** Every check passes. */
        READY,
        /** A check fails. */
        NOT_READY,
        /** Too many sampled candidate runs were skipped for the figures to mean something. */
        INCONCLUSIVE;

        /** {@code READY}, {@code NOT READY} or {@code INCONCLUSIVE}: the badge. */
        public String badge() {
            return name().replace('_', ' ');
        }
    }

    /** What a check is about, whatever its exact words. */
    public enum Kind {
        /** Enough compared calls. */
        SAMPLES,
        /** The mismatch rate. */
        MISMATCH_RATE,
        /** The candidate error rate. */
        ERROR_RATE,
        /** The p99 latency ratio. */
        LATENCY,
        /** The share of sampled candidate runs that were skipped. */
        SKIPPED_SHARE,
        /** A criterion this report does not know. */
        OTHER
    }

    /**
     * One criterion checked against the figures.
     *
     * @param criterion what is checked ({@code samples}, {@code mismatch rate}, ...; prefixed with
     *     {@code "name: "} when the engine judged several candidates one by one)
     * @param requirement what it must be ({@code below 0.100%})
     * @param actual what it is ({@code 0.530%})
     * @param passed whether it meets the requirement
     * @param note why it passed or failed when that is not plain, e.g. {@code within the 1 ms latency floor};
     *     {@code null} when there is nothing to add
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

        /** What the check is about, read from its criterion. */
        public Kind kind() {
            int colon = criterion.lastIndexOf(": ");
            String name = (colon < 0 ? criterion : criterion.substring(colon + 2)).toLowerCase(Locale.ROOT);
            if (name.equals("samples") || name.contains("compared samples")) {
                return Kind.SAMPLES;
            }
            if (name.contains("skip") || name.contains("not compared")) {
                return Kind.SKIPPED_SHARE;
            }
            if (name.contains("mismatch")) {
                return Kind.MISMATCH_RATE;
            }
            if (name.contains("error")) {
                return Kind.ERROR_RATE;
            }
            if (name.contains("latency") || name.contains("p99")) {
                return Kind.LATENCY;
            }
            return Kind.OTHER;
        }

        /** {@code criterion actual (needs requirement)}, then the note. */
        @Override
        public String toString() {
            return criterion + " " + actual + " (needs " + requirement + ")" + (note == null ? "" : ": " + note);
        }
    }

    /** Checks the parts and copies the list. */
    public Verdict {
        requireNonNull(status, "status");
        checks = List.copyOf(checks);
    }

    /** True when the status is {@link Status#READY}. */
    public boolean ready() {
        return status == Status.READY;
    }

    /** The checks that fail; empty when ready. */
    public List<Check> failing() {
        return checks.stream().filter(check -> !check.passed()).toList();
    }

    /** {@code READY}, or the status followed by each failing check: {@code NOT READY: mismatch rate ...}. */
    public String verdict() {
        if (failing().isEmpty()) {
            return status.badge();
        }
        return failing().stream().map(Check::toString).collect(Collectors.joining("; ", status.badge() + ": ", ""));
    }

    @Override
    public String toString() {
        return verdict();
    }
}
