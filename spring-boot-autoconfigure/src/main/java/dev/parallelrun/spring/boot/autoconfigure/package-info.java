/**
 * Spring Boot auto-configuration of a parallel-run laboratory: one
 * {@link dev.parallelrun.runtime.RuntimeLaboratory} bean, publishers into the application's meter registry,
 * OpenTelemetry and JSON Lines files, the {@code parallelrun.*} properties
 * ({@link dev.parallelrun.spring.boot.autoconfigure.ParallelRunProperties}), and migration stage sources that can be
 * set at run time ({@link dev.parallelrun.spring.boot.autoconfigure.MigrationStages}).
 */
@NullMarked
package dev.parallelrun.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
