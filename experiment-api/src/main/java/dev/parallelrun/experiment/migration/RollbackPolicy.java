package dev.parallelrun.experiment.migration;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * When a migration rolls back by itself. While the new side serves and the old one is still written (LIVE and
 * RAMP_DOWN, see {@link Stage#fallsBack()}), the migration watches the new side over windows of
 * {@link #minCalls()} calls and goes back to {@link Stage#SHADOW} as soon as one window is sure to break a limit:
 * <ul>
 *   <li>more than {@link #maxErrorRate()} of the new side's reads throw or time out;</li>
 *   <li>more than {@link #maxWriteFailureRate()} of the new side's writes throw;</li>
 *   <li>the new side's p99 read latency is more than {@link #maxP99Ratio()} times the old side's, and more than
 *       {@link #latencyFloor()} above it (LIVE only: the old side's latency comes from its compared reads, so this
 *       needs {@code minCalls} compared reads in a window).</li>
 * </ul>
 * Limits are strict: a window at exactly the limit does not roll back. The defaults are the playbook's: 1% errors,
 * twice the old p99, 1% failed writes, over windows of 1,000 calls, beyond a 1 ms floor.
 *
 * {@snippet :
 * lab.migration("customer-store", Customer.class)
 *         .stage(flags::customerStoreStage)
 *         .rollback(RollbackPolicy.defaults().withMinCalls(200).withMaxP99Ratio(3))
 *         .build();
 * }
 *
 * @param enabled false for {@link #off()}: the migration never rolls back by itself
 * @param maxErrorRate the largest share of the new side's reads that may fail, in [0, 1)
 * @param maxP99Ratio the largest ratio of the new side's p99 read latency to the old side's, at least 1
 * @param latencyFloor a p99 above the ratio still passes when it exceeds the old side's by at most this
 * @param maxWriteFailureRate the largest share of the new side's writes that may fail, in [0, 1)
 * @param minCalls how many calls a window holds (per criterion: new-side reads, new-side writes, compared reads)
 */
public record RollbackPolicy(
        boolean enabled,
        double maxErrorRate,
        double maxP99Ratio,
        Duration latencyFloor,
        double maxWriteFailureRate,
        long minCalls) {

    /** Default {@link #minCalls()}. */
    public static final long DEFAULT_MIN_CALLS = 1_000;

    private static final RollbackPolicy DEFAULTS =
            new RollbackPolicy(true, 0.01, 2.0, Duration.ofMillis(1), 0.01, DEFAULT_MIN_CALLS);

    /** Checks the parts, naming the one that is wrong. */
    public RollbackPolicy {
        checkRate("maxErrorRate", maxErrorRate);
        if (!(maxP99Ratio >= 1) || Double.isInfinite(maxP99Ratio)) {
            throw new IllegalArgumentException("maxP99Ratio must be a number of at least 1, was " + maxP99Ratio);
        }
        requireNonNull(latencyFloor, "latencyFloor");
        if (latencyFloor.isNegative()) {
            throw new IllegalArgumentException("latencyFloor must be zero or positive, was " + latencyFloor);
        }
        checkRate("maxWriteFailureRate", maxWriteFailureRate);
        if (minCalls < 1) {
            throw new IllegalArgumentException("minCalls must be at least 1, was " + minCalls);
        }
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), was " + rate);
        }
    }

    /** The playbook's limits: 1% read errors, p99 at most 2x the old side's beyond 1 ms, 1% failed writes, 1,000 calls. */
    public static RollbackPolicy defaults() {
        return DEFAULTS;
    }

    /** No automatic rollback: the migration follows its stage source alone. */
    public static RollbackPolicy off() {
        return new RollbackPolicy(
                false,
                DEFAULTS.maxErrorRate,
                DEFAULTS.maxP99Ratio,
                DEFAULTS.latencyFloor,
                DEFAULTS.maxWriteFailureRate,
                DEFAULTS.minCalls);
    }

    /** This policy with another {@link #maxErrorRate()}. */
    public RollbackPolicy withMaxErrorRate(double rate) {
        return new RollbackPolicy(enabled, rate, maxP99Ratio, latencyFloor, maxWriteFailureRate, minCalls);
    }

    /** This policy with another {@link #maxP99Ratio()}. */
    public RollbackPolicy withMaxP99Ratio(double ratio) {
        return new RollbackPolicy(enabled, maxErrorRate, ratio, latencyFloor, maxWriteFailureRate, minCalls);
    }

    /** This policy with another {@link #latencyFloor()}. */
    public RollbackPolicy withLatencyFloor(Duration floor) {
        return new RollbackPolicy(enabled, maxErrorRate, maxP99Ratio, floor, maxWriteFailureRate, minCalls);
    }

    /** This policy with another {@link #maxWriteFailureRate()}. */
    public RollbackPolicy withMaxWriteFailureRate(double rate) {
        return new RollbackPolicy(enabled, maxErrorRate, maxP99Ratio, latencyFloor, rate, minCalls);
    }

    /** This policy with another {@link #minCalls()}. */
    public RollbackPolicy withMinCalls(long calls) {
        return new RollbackPolicy(enabled, maxErrorRate, maxP99Ratio, latencyFloor, maxWriteFailureRate, calls);
    }

    /** What a rollback can be about. */
    public enum Criterion {
        /** The new side's reads failed (threw or timed out) too often. */
        READ_ERROR_RATE("read error rate"),
        /** The new side's p99 read latency was too far above the old side's. */
        P99_RATIO("p99 read latency ratio"),
        /** The new side's writes failed too often. */
        WRITE_FAILURE_RATE("write failure rate");

        private final String description;

        Criterion(String description) {
            this.description = description;
        }

        /** The criterion in words: {@code "read error rate"}. */
        public String description() {
            return description;
        }
    }
}
