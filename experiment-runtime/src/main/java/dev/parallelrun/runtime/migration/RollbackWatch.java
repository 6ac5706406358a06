package dev.parallelrun.runtime.migration;

import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.experiment.migration.RollbackPolicy;
import dev.parallelrun.experiment.migration.StageChange;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Watches the new side while it serves, in tumbling windows of {@code minCalls} calls per criterion, and trips a
 * rollback as soon as a window is sure to break the policy: a window whose failures already exceed the limit's share
 * of {@code minCalls} will exceed it whatever its remaining calls do, so a new side that fails every call is rolled
 * back after a handful of calls rather than a whole window. The counters are atomics on the caller's thread; the p99
 * comparison runs once per window, on the thread of the compared read that completes it.
 */
final class RollbackWatch {

    private final RollbackPolicy policy;
    private final Consumer<StageChange.Trip> trip;
    private final long window;
    private final long allowedReadErrors;
    private final long allowedWriteFailures;
    private final long floorNanos;
    private volatile Window current = new Window();

    RollbackWatch(RollbackPolicy policy, Consumer<StageChange.Trip> trip) {
        this.policy = policy;
        this.trip = trip;
        this.window = policy.minCalls();
        this.allowedReadErrors = allowed(policy.maxErrorRate(), window);
        this.allowedWriteFailures = allowed(policy.maxWriteFailureRate(), window);
        this.floorNanos = policy.latencyFloor().toNanos();
    }

    /** The most failures a window may hold without its rate passing {@code rate}, in exact decimal arithmetic. */
    private static long allowed(double rate, long calls) {
        return BigDecimal.valueOf(rate)
                .multiply(BigDecimal.valueOf(calls))
                .setScale(0, RoundingMode.FLOOR)
                .longValueExact();
    }

    /**
     * Starts afresh: the new side has just begun to serve, or a rollback was acknowledged. A call still counting into
     * the window before cannot trip anything any more.
     */
    void reset() {
        current = new Window();
    }

    /** One read of the new side while it served; {@code compared} when the old side's reads are timed too (LIVE). */
    void newRead(boolean failed, long nanos, boolean compared) {
        if (!policy.enabled()) {
            return;
        }
        Window w = current;
        if (compared) {
            w.newLatency.recordValue(Math.max(0, nanos));
        }
        long failures = count(w.reads, failed, allowedReadErrors);
        if (failures > 0 && w == current) {
            fire(RollbackPolicy.Criterion.READ_ERROR_RATE, failures, policy.maxErrorRate(), "reads");
        }
    }

    /** One authoritative write of the new side while it served. */
    void newWrite(boolean failed) {
        if (!policy.enabled()) {
            return;
        }
        Window w = current;
        long failures = count(w.writes, failed, allowedWriteFailures);
        if (failures > 0 && w == current) {
            fire(RollbackPolicy.Criterion.WRITE_FAILURE_RATE, failures, policy.maxWriteFailureRate(), "writes");
        }
    }

    /** One compared read of the old side in LIVE, on its candidate's thread. */
    void oldCompared(long nanos) {
        if (!policy.enabled()) {
            return;
        }
        Window w = current;
        w.oldLatency.recordValue(Math.max(0, nanos));
        if (w.oldSamples.incrementAndGet() % window == 0) {
            compareLatency(w);
        }
    }

    /** Counts one call; the window's failures when they just passed what it allows, else 0. */
    private long count(Tally tally, boolean failed, long allowedFailures) {
        long broken = 0;
        if (failed && tally.failures.incrementAndGet() == allowedFailures + 1) {
            broken = allowedFailures + 1;
        }
        // the thread that completes the window starts the next one; a failure racing with it may land in either
        if (tally.calls.incrementAndGet() == window) {
            tally.failures.set(0);
            tally.calls.addAndGet(-window);
        }
        return broken;
    }

    private void fire(RollbackPolicy.Criterion criterion, long failures, double limit, String what) {
        double rate = (double) failures / window;
        trip.accept(new StageChange.Trip(
                criterion,
                rate,
                limit,
                window,
                String.format(
                        Locale.ROOT,
                        "%d failed %s of the new side in a window of %d (%.3f%%, above the limit of %.3f%%)",
                        failures,
                        what,
                        window,
                        rate * 100,
                        limit * 100)));
    }

    private void compareLatency(Window w) {
        Histogram fresh;
        Histogram old;
        synchronized (w) {
            fresh = w.newLatency.getIntervalHistogram();
            old = w.oldLatency.getIntervalHistogram();
        }
        if (fresh.getTotalCount() == 0 || old.getTotalCount() == 0 || w != current) {
            return; // nothing to compare, or a window of an earlier turn of the new side's
        }
        // lowest equivalent values: a value and its double then compare as exactly 2x
        long newP99 = fresh.lowestEquivalentValue(fresh.getValueAtPercentile(99));
        long oldP99 = old.lowestEquivalentValue(old.getValueAtPercentile(99));
        if (oldP99 == 0) {
            return; // nothing to be a multiple of
        }
        double ratio = (double) newP99 / oldP99;
        if (ratio > policy.maxP99Ratio() && newP99 - oldP99 > floorNanos) {
            trip.accept(new StageChange.Trip(
                    RollbackPolicy.Criterion.P99_RATIO,
                    ratio,
                    policy.maxP99Ratio(),
                    window,
                    String.format(
                            Locale.ROOT,
                            "the new side's p99 read latency %s is %.2fx the old side's %s over %d"
                                    + " compared reads (limit %.2fx, beyond a %s floor)",
                            LatencySummary.format(Duration.ofNanos(newP99)),
                            ratio,
                            LatencySummary.format(Duration.ofNanos(oldP99)),
                            old.getTotalCount(),
                            policy.maxP99Ratio(),
                            LatencySummary.format(policy.latencyFloor()))));
        }
    }

    /** Calls and failures of one criterion in the current window. */
    private static final class Tally {
        final AtomicLong calls = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
    }

    /** One window of every criterion. */
    private static final class Window {
        final Tally reads = new Tally();
        final Tally writes = new Tally();
        final Recorder newLatency = new Recorder(3);
        final Recorder oldLatency = new Recorder(3);
        final AtomicLong oldSamples = new AtomicLong();
    }
}
