package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

/**
 * The trace the caller was in when a sampled call started, so publishers can correlate what they
 * write with the caller's span.
 *
 * @param traceId 32 lowercase hex characters (W3C trace context)
 * @param spanId 16 lowercase hex characters: the caller's span
 * @param sampled whether the caller's trace is sampled
 */
public record TraceIds(String traceId, String spanId, boolean sampled) {

    /** Checks the parts. */
    public TraceIds {
        requireNonNull(traceId, "traceId");
        requireNonNull(spanId, "spanId");
    }
}
