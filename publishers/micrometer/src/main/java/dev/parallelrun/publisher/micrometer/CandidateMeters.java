package dev.parallelrun.publisher.micrometer;

import dev.parallelrun.experiment.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** One candidate's counters (one per outcome, all made at once) and its timer. */
final class CandidateMeters {

    private static final Outcome[] OUTCOMES = Outcome.values();

    private final Counter[] runs = new Counter[OUTCOMES.length];
    private final Timer duration;

    CandidateMeters(MeterRegistry registry, String experiment, String candidate, boolean percentileHistograms) {
        // every outcome from the start: a rate over a series that does not exist yet is "no data", not 0
        for (Outcome outcome : OUTCOMES) {
            runs[outcome.ordinal()] = Counter.builder(MicrometerPublisher.RUNS)
                    .description("Candidate results of sampled experiment calls, by outcome")
                    .tag(MicrometerPublisher.EXPERIMENT_TAG, experiment)
                    .tag(MicrometerPublisher.CANDIDATE_TAG, candidate)
                    .tag(MicrometerPublisher.OUTCOME_TAG, outcome.name())
                    .register(registry);
        }
        this.duration = timer(registry, experiment, candidate, percentileHistograms);
    }

    static Timer timer(MeterRegistry registry, String experiment, String behavior, boolean percentileHistograms) {
        Timer.Builder timer = Timer.builder(MicrometerPublisher.DURATION)
                .description("Wall-clock time of completed control and candidate runs of sampled calls")
                .tag(MicrometerPublisher.EXPERIMENT_TAG, experiment)
                .tag(MicrometerPublisher.BEHAVIOR_TAG, behavior);
        if (percentileHistograms) {
            timer.publishPercentileHistogram(true); // when off, left unset so the registry's filters decide
        }
        return timer.register(registry);
    }

    void count(Outcome outcome) {
        runs[outcome.ordinal()].increment();
    }

    void record(Duration took) {
        duration.record(took);
    }
}
