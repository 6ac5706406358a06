package dev.parallelrun.publisher.micrometer;

import dev.parallelrun.experiment.Run;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters of one experiment, made on its first result and kept, so the publishing thread looks them up
 * in a map instead of building ids and asking the registry every time.
 */
final class ExperimentMeters {

    private final MeterRegistry registry;
    private final String experiment;
    private final boolean percentileHistograms;
    private final Timer control;
    private final Map<String, CandidateMeters> candidates = new ConcurrentHashMap<>();

    ExperimentMeters(MeterRegistry registry, String experiment, boolean percentileHistograms) {
        this.registry = registry;
        this.experiment = experiment;
        this.percentileHistograms = percentileHistograms;
        this.control = CandidateMeters.durationTimer(registry, experiment, Run.CONTROL, percentileHistograms);
    }

    Timer control() {
        return control;
    }

    CandidateMeters candidate(String name) {
        CandidateMeters meters = candidates.get(name);
        if (meters == null) {
            meters = candidates.computeIfAbsent(
                    name, candidate -> new CandidateMeters(registry, experiment, candidate, percentileHistograms));
        }
        return meters;
    }
}
