package dev.parallelrun.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * What a candidate must show before the migration can cut over to it, as the latest summary line says (or the
 * engine's defaults when no line does).
 *
 * @param minComparedSamples compared calls needed before a verdict means anything
 * @param maxMismatchRate the mismatch rate must be below this
 * @param maxErrorRate the candidate error rate must be below this
 * @param maxP99Ratio the candidate's p99 over the control's must be at most this...
 * @param latencyFloorNanos ...unless the candidate's p99 exceeds the control's by at most this many nanoseconds
 *     (0 when the line has no floor, as lines of engines before the floor)
 * @param maxSkippedShare above this share of sampled candidate runs skipped, readiness is inconclusive
 *     ({@value #DEFAULT_MAX_SKIPPED_SHARE} when the line does not say)
 */
public record Criteria(
        long minComparedSamples,
        double maxMismatchRate,
        double maxErrorRate,
        double maxP99Ratio,
        long latencyFloorNanos,
        double maxSkippedShare) {

    /** The skipped share above which readiness is inconclusive when a summary line does not say. */
    public static final double DEFAULT_MAX_SKIPPED_SHARE = 0.5;

    /** Checks the parts, naming every one that is out of range. */
    public Criteria {
        StringBuilder wrong = new StringBuilder();
        if (minComparedSamples < 1) {
            wrong.append("; minComparedSamples must be at least 1, was ").append(minComparedSamples);
        }
        rate(wrong, "maxMismatchRate", maxMismatchRate);
        rate(wrong, "maxErrorRate", maxErrorRate);
        if (!(maxP99Ratio > 0) || Double.isInfinite(maxP99Ratio)) {
            wrong.append("; maxP99Ratio must be a positive number, was ").append(maxP99Ratio);
        }
        if (latencyFloorNanos < 0) {
            wrong.append("; latencyFloorNanos must not be negative, was ").append(latencyFloorNanos);
        }
        rate(wrong, "maxSkippedShare", maxSkippedShare);
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException(wrong.substring(2));
        }
    }

    private static void rate(StringBuilder wrong, String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            wrong.append("; ").append(name).append(" must be in [0, 1], was ").append(rate);
        }
    }

    /** The engine's defaults, with no latency floor and the default skipped share. */
    public static Criteria defaults() {
        return EngineReadiness.defaults();
    }

    /** The criteria in a summary line's {@code criteria} object, or {@code null} when it is absent or invalid. */
    static @Nullable Criteria read(@Nullable JsonNode node) {
        if (node == null) {
            return null;
        }
        try {
            JsonNode share = node.get("maxSkippedShare");
            return new Criteria(
                    Fields.requiredCount(node, "minComparedSamples"),
                    Fields.number(node, "maxMismatchRate"),
                    Fields.number(node, "maxErrorRate"),
                    Fields.number(node, "maxP99Ratio"),
                    Fields.count(node, "latencyFloorNanos", 0),
                    share == null ? DEFAULT_MAX_SKIPPED_SHARE : Fields.number(node, "maxSkippedShare"));
        } catch (BadLine | IllegalArgumentException e) {
            return null;
        }
    }
}
