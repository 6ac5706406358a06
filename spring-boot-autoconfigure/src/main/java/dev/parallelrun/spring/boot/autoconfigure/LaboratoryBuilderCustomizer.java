package dev.parallelrun.spring.boot.autoconfigure;

import dev.parallelrun.runtime.RuntimeLaboratory;

/**
 * Changes the auto-configured laboratory's options before it is built: a kill switch read from a feature flag, a
 * clock, the object mapper of the differ, the carrier budget. Declare one or more as beans; they run in their
 * {@code @Order}, after the properties and the publishers were set.
 *
 * {@snippet :
 * @Bean
 * LaboratoryBuilderCustomizer killSwitch(FeatureFlags flags) {
 *     return builder -> builder.killSwitch(() -> flags.isOn("parallel-run-off"));
 * }
 * }
 */
@FunctionalInterface
public interface LaboratoryBuilderCustomizer {

    /** Changes what it wants of {@code builder}. */
    void customize(RuntimeLaboratory.Builder builder);
}
