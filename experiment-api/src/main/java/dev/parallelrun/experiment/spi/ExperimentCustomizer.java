package dev.parallelrun.experiment.spi;

/**
 * Changes an experiment's options as a laboratory builds it, after the application's code set them: how an
 * integration (a Spring Boot starter reading properties, say) lets configuration win over code defaults. Given
 * to the laboratory's builder; called once per experiment, on the thread that builds it. What it sets must be
 * valid: the laboratory checks the bounds again and refuses the experiment otherwise.
 *
 * {@snippet :
 * RuntimeLaboratory.builder()
 *         .customizer((name, options) -> {
 *             if (name.equals("pricing-v2")) {
 *                 options.sampler(Sampler.fixed(0.01));
 *             }
 *         })
 *         .build();
 * }
 */
@FunctionalInterface
public interface ExperimentCustomizer {

    /** Changes what it wants of {@code options}, the experiment named {@code name}'s checked options. */
    void customize(String name, ExperimentSpec.Builder<?> options);
}
