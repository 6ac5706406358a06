package dev.parallelrun.publisher.micrometer;

import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.SkipReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * One candidate's meters, all made at once on its first result: a counter per outcome, a counter per skip reason,
 * its duration timer and its start-delay timer.
 */
final class CandidateMeters {

    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final SkipReason[] REASONS = SkipReason.values();

    private final Counter[] runs;
    private final Counter[] skips;
    private final Timer duration;
    private final Timer startDelay;

    CandidateMeters(MeterRegistry registry, String experiment, String candidate, boolean percentileHistograms) {
        Tags tags =
                Tags.of(MicrometerPublisher.EXPERIMENT_TAG, experiment, MicrometerPublisher.CANDIDATE_TAG, candidate);
        this.runs = Counters.perValue(
                registry,
                MicrometerPublisher.RUNS,
                "Candidate results of sampled experiment calls, by outcome",
                tags,
                MicrometerPublisher.OUTCOME_TAG,
                OUTCOMES);
        this.skips = Counters.perValue(
                registry,
                MicrometerPublisher.SKIPS,
                "Sampled candidate runs that were skipped, by reason",
                tags,
                MicrometerPublisher.REASON_TAG,
                REASONS);
        this.duration = durationTimer(registry, experiment, candidate, percentileHistograms);
        Timer.Builder delay = Timer.builder(MicrometerPublisher.START_DELAY)
                .description(
                        "How long candidates waited from the sampling of their call to the start of their behavior")
                .tags(tags);
        this.startDelay = histograms(delay, percentileHistograms).register(registry);
    }

    static Timer durationTimer(
            MeterRegistry registry, String experiment, String behavior, boolean percentileHistograms) {
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
