package dev.parallelrun.experiment;

/**
 * Where results go: metrics, traces, files. A laboratory calls {@link #publish} for every result, one at
 * a time, on its own publishing thread; a publisher that throws is isolated from the others and counted,
 * and never slows or fails the caller of an experiment.
 *
 * <p>Publish {@link Run#published()} and {@link Difference} values, never {@link Run#value()}: the
 * published forms are cleaned, redacted and capped as the experiment asks.
 */
public interface Publisher extends AutoCloseable {

    /** Publishes one result. Called on the laboratory's publishing thread only. */
    void publish(Result<?> result);

    /**
     * Called once when the laboratory is built, before any result is published, so a publisher can read
     * the laboratory's experiments and publishing statistics (for gauges or periodic summaries).
     */
    default void attach(Laboratory laboratory) {}

    /** Flushes and releases what the publisher holds. Called once when the laboratory closes. */
    @Override
    default void close() {}
}
