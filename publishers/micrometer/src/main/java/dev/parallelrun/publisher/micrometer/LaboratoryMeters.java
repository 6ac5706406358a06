package dev.parallelrun.publisher.micrometer;

import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.PublishingStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The meters that read a laboratory at scrape time: its publishing pipeline, and the faults of each of its
 * experiments. Guarded by the publisher's lifecycle lock.
 */
final class LaboratoryMeters {

    private final MeterRegistry registry;
    private final Laboratory laboratory;
    private final List<Meter> registered = new ArrayList<>();
    private final Set<String> experimentsWithFaults = new HashSet<>();
    // function counters hold their object weakly: these keep the fault readers alive as long as the publisher
    private final List<Faults> faultReaders = new ArrayList<>();

    LaboratoryMeters(MeterRegistry registry, Laboratory laboratory) {
        this.registry = registry;
        this.laboratory = laboratory;
        registered.add(Gauge.builder(MicrometerPublisher.QUEUED, laboratory, lab -> lab.publishingStats().queued())
                .description("Results waiting in the laboratory's publishing queue")
                .register(registry));
        registered.add(Gauge.builder(MicrometerPublisher.CAPACITY, laboratory,
                        lab -> lab.publishingStats().capacity())
                .description("How many results the laboratory's publishing queue holds")
                .register(registry));
        registered.add(counter(MicrometerPublisher.PUBLISHED, "Results handed to the publishers",
                stats -> stats.published()));
        registered.add(counter(MicrometerPublisher.DROPPED,
                "Results dropped because the publishing queue was full or the laboratory was closing",
                stats -> stats.dropped()));
        registered.add(counter(MicrometerPublisher.PUBLISHER_FAILURES, "Calls to a publisher that threw",
                stats -> stats.publisherFailures()));
    }

    private Meter counter(String name, String description, ToDoubleFunction<PublishingStats> read) {
        return FunctionCounter.builder(name, laboratory, lab -> read.applyAsDouble(lab.publishingStats()))
                .description(description)
                .register(registry);
    }

    /** Registers fault counters for the experiments built since the last call. */
    void registerNewExperiments() {
        for (Experiment<?> experiment : laboratory.experiments()) {
            if (experimentsWithFaults.add(experiment.name())) {
                Faults faults = new Faults(experiment);
                faultReaders.add(faults);
                for (FaultSource callback : FaultSource.values()) {
                    registered.add(FunctionCounter.builder(MicrometerPublisher.FAULTS, faults, f -> f.count(callback))
                            .description("Faults caught in a user callback of the experiment")
                            .tag(MicrometerPublisher.EXPERIMENT_TAG, experiment.name())
                            .tag(MicrometerPublisher.CALLBACK_TAG, callback.name())
                            .register(registry));
                }
            }
        }
    }

    void remove() {
        for (Meter meter : registered) {
            registry.remove(meter);
        }
        registered.clear();
        faultReaders.clear();
    }

    /**
     * One experiment's fault counts for its function counters. A scrape reads all callbacks one after the
     * other, so one stats snapshot serves them all: it is taken again when a callback is read a second time
     * (the next scrape) or when it is more than a second old.
     */
    static final class Faults {
        private static final long FRESH_NANOS = 1_000_000_000L;

        private final Experiment<?> experiment;
        private @Nullable Map<FaultSource, Long> counts;
        private long takenAt;
        private int read;

        Faults(Experiment<?> experiment) {
            this.experiment = experiment;
        }

        synchronized double count(FaultSource callback) {
            int bit = 1 << callback.ordinal();
            long now = System.nanoTime();
            Map<FaultSource, Long> known = counts;
            if (known == null || (read & bit) != 0 || now - takenAt > FRESH_NANOS) {
                ExperimentStats stats = experiment.stats();
                known = stats.faults();
                counts = known;
                takenAt = now;
                read = 0;
            }
            read |= bit;
            return known.get(callback);
        }
    }
}
