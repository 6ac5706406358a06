package dev.parallelrun.experiment;

import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.experiment.migration.WriteFailure;

/**
 * Where results go: metrics, traces, files. A laboratory calls {@link #publish} for every result, one at
 * a time, on its own publishing thread, and {@link #publishStage} and {@link #publishWriteFailure} for what its
 * migrations record, on the same thread; a publisher that throws is isolated from the others and counted,
 * and never slows or fails the caller of an experiment or a migration.
 *
 * <p>Publish {@link Run#published()} and {@link Difference} values, never {@link Run#value()}: the
 * published forms are cleaned, redacted and capped as the experiment asks.
 */
public interface Publisher extends AutoCloseable {

    /** Publishes one result. Called on the laboratory's publishing thread only. */
    void publish(Result<?> result);

    /**
     * Publishes one entry of a migration's timeline: the stage it started in, a change its stage source asked for,
     * an automatic rollback (with {@link StageChange#trip()} saying why) or its acknowledgement. Called on the
     * laboratory's publishing thread, one at a time with results, in the order the migration recorded them. Does
     * nothing by default: a publisher that keeps records overrides it.
     */
    default void publishStage(StageChange change) {}

    /**
     * Publishes a failed write of a migration's other side, with the call's key, so a backfill can repair it.
     * Publish {@link WriteFailure#key()}, {@link WriteFailure#context()} and {@link WriteFailure#describeException()}.
     * Called on the laboratory's publishing thread, one at a time with results. Does nothing by default.
     */
    default void publishWriteFailure(WriteFailure failure) {}

    /**
     * Called once when the laboratory is built, before any result is published, so a publisher can read
     * the laboratory's experiments and publishing statistics (for gauges or periodic summaries).
     */
    default void attach(Laboratory laboratory) {}

    /**
     * Flushes and releases what the publisher holds. Called once by the laboratory as it closes; make it idempotent,
     * since a container that manages the publisher (a Spring context, say) may close it too.
     */
    @Override
    default void close() {}
}
