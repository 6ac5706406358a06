package dev.parallelrun.publisher.micrometer;

import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.SkipReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * One candidate's meters, all made at once on its first result: a counter per outcome, a counter per skip reason,
 * its duration timer and its start-delay timer.
 */
final class CandidateMeters {

    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final SkipReason[] REASONS = SkipReason.values();

    private final Counter[] runs = new Counter[OUTCOMES.length];
    private final Counter[] skips = new Counter[REASONS.length];
    private final Timer duration;
    private final Timer startDelay;

    CandidateMeters(MeterRegistry registry, String experiment, String candidate, boolean percentileHistograms) {
        // every outcome and reason from the start: a rate over a series that does not exist yet is "no data", not 0
        for (Outcome outcome : OUTCOMES) {
            runs[outcome.ordinal()] = Counter.builder(MicrometerPublisher.RUNS)
                    .description("Candidate results of sampled experiment calls, by outcome")
                    .tag(MicrometerPublisher.EXPERIMENT_TAG, experiment)
                    .tag(MicrometerPublisher.CANDIDATE_TAG, candidate)
                    .tag(MicrometerPublisher.OUTCOME_TAG, outcome.name())
                    .register(registry);
        }
        for (SkipReason reason : REASONS) {
            skips[reason.ordinal()] = Counter.builder(MicrometerPublisher.SKIPS)
                    .description("Sampled candidate runs that were skipped, by reason")
                    .tag(MicrometerPublisher.EXPERIMENT_TAG, experiment)
                    .tag(MicrometerPublisher.CANDIDATE_TAG, candidate)
                    .tag(MicrometerPublisher.REASON_TAG, reason.name())
                    .register(registry);
        }
        this.duration = durationTimer(registry, experiment, candidate, percentileHistograms);
        Timer.Builder delay = Timer.builder(MicrometerPublisher.START_DELAY)
                .description("How long candidates waited from the sampling of their call to the start of their behavior")
                .tag(MicrometerPublisher.EXPERIMENT_TAG, experiment)
                .tag(MicrometerPublisher.CANDIDATE_TAG, candidate);
        this.startDelay = histograms(delay, percentileHistograms).register(registry);
    }

    static Timer durationTimer(MeterRegistry registry, String experiment, String behavior, boolean percentileHistograms) {
        Timer.Builder timer = Timer.builder(MicrometerPublisher.DURATION)
                .description("Wall-clock time of completed control and candidate runs of sampled calls, from the"
                        + " behavior's own start")
                .tag(MicrometerPublisher.EXPERIMENT_TAG, experiment)
                .tag(MicrometerPublisher.BEHAVIOR_TAG, behavior);
        return histograms(timer, percentileHistograms).register(registry);
    }

    private static Timer.Builder histograms(Timer.Builder timer, boolean percentileHistograms) {
        if (percentileHistograms) {
            timer.publishPercentileHistogram(true); // when off, left unset so the registry's filters decide
        }
        return timer;
    }

    void count(Outcome outcome) {
        runs[outcome.ordinal()].increment();
    }

    void skipped(SkipReason reason) {
        skips[reason.ordinal()].increment();
    }

    void record(Duration took) {
        duration.record(took);
    }

    void waited(Duration delay) {
        startDelay.record(delay);
    }
}
