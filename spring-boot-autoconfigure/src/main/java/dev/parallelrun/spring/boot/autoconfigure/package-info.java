/**
 * Spring Boot auto-configuration of a parallel-run laboratory: one
 * {@link dev.parallelrun.runtime.RuntimeLaboratory} bean, publishers into the application's meter registry,
 * OpenTelemetry and JSON Lines files, and the {@code parallelrun.*} properties
 * ({@link dev.parallelrun.spring.boot.autoconfigure.ParallelRunProperties}).
 */
@NullMarked
package dev.parallelrun.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
