/**
 * Experiment results as OpenTelemetry spans and log records:
 * {@link dev.parallelrun.publisher.opentelemetry.OpenTelemetryPublisher}.
 */
@NullMarked
package dev.parallelrun.publisher.opentelemetry;

import org.jspecify.annotations.NullMarked;
