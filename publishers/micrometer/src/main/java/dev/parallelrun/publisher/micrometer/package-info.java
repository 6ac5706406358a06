/**
 * Experiment results as Micrometer meters: {@link dev.parallelrun.publisher.micrometer.MicrometerPublisher}.
 */
@NullMarked
package dev.parallelrun.publisher.micrometer;

import org.jspecify.annotations.NullMarked;
