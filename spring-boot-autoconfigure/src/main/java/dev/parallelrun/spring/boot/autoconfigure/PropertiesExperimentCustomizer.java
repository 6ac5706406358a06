package dev.parallelrun.spring.boot.autoconfigure;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.PathPattern;
import dev.parallelrun.experiment.Sampler;
import dev.parallelrun.experiment.spi.ExperimentCustomizer;
import dev.parallelrun.experiment.spi.ExperimentSpec;
import dev.parallelrun.spring.boot.autoconfigure.ParallelRunProperties.ExperimentProperties;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies {@code parallelrun.experiments.<name>.*} to the experiment of that name as the laboratory builds it,
 * after the application's code set its options: what a property sets wins over what the code set.
 *
 * <ul>
 *   <li>{@code enabled: false} samples no call ({@link Sampler#never()}), whatever the code's sampler;</li>
 *   <li>{@code sample-rate} replaces the code's sampler ({@code sampling} says random or keyed);</li>
 *   <li>{@code candidate-timeout}, {@code max-concurrent-candidates} and {@code expires-on} replace the code's;</li>
 *   <li>{@code ignore-paths} and {@code redact-paths} are added to the code's: a property can never take away a
 *       redaction the code asked for.</li>
 * </ul>
 *
 * <p>The auto-configured laboratory applies it last, after every {@link ExperimentCustomizer} bean of the
 * application. An application that builds its own laboratory can pass this bean to
 * {@code RuntimeLaboratory.Builder#customizer}.
 */
public final class PropertiesExperimentCustomizer implements ExperimentCustomizer {

    private final ParallelRunProperties properties;
    private final Set<String> applied = ConcurrentHashMap.newKeySet();

    /** Applies {@code properties}' experiments. */
    public PropertiesExperimentCustomizer(ParallelRunProperties properties) {
        this.properties = requireNonNull(properties, "properties");
    }

    @Override
    public void customize(String name, ExperimentSpec.Builder<?> options) {
        ExperimentProperties experiment = properties.getExperiments().get(name);
        if (experiment == null) {
            return;
        }
        ExperimentSpec<?> code = options.build(); // what the code set, to add lists to rather than replace them
        Double rate = experiment.getSampleRate();
        if (!experiment.isEnabled()) {
            options.sampler(Sampler.never());
        } else if (rate != null) {
            options.sampler(experiment.getSampling().sampler(rate));
        }
        if (experiment.getCandidateTimeout() != null) {
            options.candidateTimeout(experiment.getCandidateTimeout());
        }
        if (experiment.getMaxConcurrentCandidates() != null) {
            options.maxConcurrentCandidates(experiment.getMaxConcurrentCandidates());
        }
        if (!experiment.getIgnorePaths().isEmpty()) {
            options.ignorePaths(union(code.ignorePaths(), experiment.ignorePatterns()));
        }
        if (!experiment.getRedactPaths().isEmpty()) {
            options.redactPaths(union(code.redactPaths(), experiment.redactPatterns()));
        }
        if (experiment.getExpiresOn() != null) {
            options.expiresOn(experiment.getExpiresOn());
        }
        applied.add(name);
    }

    /**
     * True when properties changed the experiment named {@code name} as it was built (a laboratory that never
     * called this customizer for it, or properties without that name, give false).
     */
    public boolean applied(String name) {
        return applied.contains(name);
    }

    /** The properties this customizer applies. */
    public ParallelRunProperties properties() {
        return properties;
    }

    private static List<PathPattern> union(List<PathPattern> code, List<PathPattern> configured) {
        Set<PathPattern> all = new LinkedHashSet<>(code);
        all.addAll(configured);
        return List.copyOf(all);
    }
}
