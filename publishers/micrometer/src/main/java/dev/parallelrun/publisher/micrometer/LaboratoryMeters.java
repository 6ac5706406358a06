package dev.parallelrun.publisher.micrometer;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.PublishingStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The meters that read a laboratory at scrape time: its publishing pipeline, and the faults and runaways of each
 * of its experiments. Guarded by the publisher's lifecycle lock.
 */
final class LaboratoryMeters {

    private final MeterRegistry registry;
    private final Laboratory laboratory;
    private final List<Meter> registered = new ArrayList<>();
    private final Set<String> experimentsSeen = new HashSet<>();
    // function counters and gauges hold their object weakly: these keep the readers alive as long as the publisher
    private final List<Snapshots> readers = new ArrayList<>();

    LaboratoryMeters(MeterRegistry registry, Laboratory laboratory) {
        this.registry = registry;
        this.laboratory = laboratory;
        registered.add(Gauge.builder(
                        MicrometerPublisher.QUEUED,
                        laboratory,
                        lab -> lab.publishingStats().queued())
                .description("Results waiting in the laboratory's publishing queue")
                .register(registry));
        registered.add(Gauge.builder(
                        MicrometerPublisher.CAPACITY,
                        laboratory,
                        lab -> lab.publishingStats().capacity())
                .description("How many results the laboratory's publishing queue holds")
                .register(registry));
        registered.add(
                counter(MicrometerPublisher.PUBLISHED, "Results handed to the publishers", stats -> stats.published()));
        registered.add(counter(
                MicrometerPublisher.DROPPED,
                "Results dropped because the publishing queue was full or the laboratory was closing",
                stats -> stats.dropped()));
        registered.add(counter(
                MicrometerPublisher.PUBLISHER_FAILURES,
                "Calls to a publisher that threw",
                stats -> stats.publisherFailures()));
    }

    private Meter counter(String name, String description, ToDoubleFunction<PublishingStats> read) {
        return FunctionCounter.builder(name, laboratory, lab -> read.applyAsDouble(lab.publishingStats()))
                .description(description)
                .register(registry);
    }

    /** Registers the fault counters and the runaways gauge of the experiments built since the last call. */
    void registerNewExperiments() {
        for (Experiment<?> experiment : laboratory.experiments()) {
            if (experimentsSeen.add(experiment.name())) {
                Snapshots snapshots = new Snapshots(experiment);
                readers.add(snapshots);
                for (FaultSource source : FaultSource.values()) {
                    registered.add(FunctionCounter.builder(MicrometerPublisher.FAULTS, snapshots, s -> s.faults(source))
                            .description("Faults the experiment caught, by source: the user's callbacks, the"
                                    + " differ, publishers, the engine")
                            .tag(MicrometerPublisher.EXPERIMENT_TAG, experiment.name())
                            .tag(MicrometerPublisher.SOURCE_TAG, source.name())
                            .register(registry));
                }
                registered.add(Gauge.builder(MicrometerPublisher.RUNAWAYS, snapshots, Snapshots::runaways)
                        .description("Candidates of the experiment past their timeout whose threads still run")
                        .tag(MicrometerPublisher.EXPERIMENT_TAG, experiment.name())
                        .register(registry));
            }
        }
    }

    void remove() {
        for (Meter meter : registered) {
            registry.remove(meter);
        }
        registered.clear();
        readers.clear();
    }

    /**
     * One experiment's statistics for its function counters and gauge. A scrape reads all of an experiment's
     * meters one after the other, so one {@code stats()} snapshot serves them all: it is taken again when a
     * meter is read a second time (the next scrape) or when it is more than a second old.
     */
    static final class Snapshots {
        private static final long FRESH_NANOS = 1_000_000_000L;
        // one bit per reading: the fault sources by ordinal, then the runaways gauge
        private static final int RUNAWAYS_READING = FaultSource.values().length;

        private final Experiment<?> experiment;
        private @Nullable ExperimentStats stats;
        private long takenAt;
        private long read;

        Snapshots(Experiment<?> experiment) {
            this.experiment = experiment;
        }

        synchronized double faults(FaultSource source) {
            return snapshot(source.ordinal()).faults(source);
        }

        synchronized double runaways() {
            return snapshot(RUNAWAYS_READING).runaways();
        }

        private ExperimentStats snapshot(int reading) {
            long bit = 1L << reading;
            long now = System.nanoTime();
            ExperimentStats known = stats;
            if (known == null || (read & bit) != 0 || now - takenAt > FRESH_NANOS) {
                known = experiment.stats();
                stats = known;
                takenAt = now;
                read = 0;
            }
            read |= bit;
            return known;
        }
    }
}
