package dev.parallelrun.spring.boot.actuate;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.PublishingStats;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.Sampler;
import dev.parallelrun.experiment.SkipReason;
import dev.parallelrun.runtime.RuntimeLaboratory;
import dev.parallelrun.spring.boot.autoconfigure.ParallelRunProperties.ExperimentProperties;
import dev.parallelrun.spring.boot.autoconfigure.ParallelRunProperties.Sampling;
import dev.parallelrun.spring.boot.autoconfigure.PropertiesExperimentCustomizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code experiments} actuator endpoint: every experiment's statistics and readiness verdict, and the
 * operations an operator needs without a deploy.
 *
 * <ul>
 *   <li>{@code GET /actuator/experiments}: the laboratory and every experiment;
 *       {@code GET /actuator/experiments/{name}}: one experiment (404 when there is none of that name).</li>
 *   <li>{@code POST /actuator/experiments} with {@code {"action": "pause"}} or {@code "resume"}: the laboratory's
 *       switch, which stops (or lets again) every experiment sampling calls.</li>
 *   <li>{@code POST /actuator/experiments/{name}} with {@code {"action": "pause"}} or {@code "resume"}: that
 *       experiment's own switch; {@code {"action": "sample-rate", "sampleRate": 0.01}}: samples that share of its
 *       calls from now on; {@code {"action": "restore-sample-rate"}}: back to the sampler it was built with.</li>
 * </ul>
 *
 * <p>A bad request (an unknown experiment for a write, a rate outside [0, 1], a missing rate) is refused with 400
 * and a message that says why. Like every actuator endpoint it is exposed over HTTP only when
 * {@code management.endpoints.web.exposure.include} names it; {@code management.endpoint.experiments.access:
 * read-only} keeps the reads and refuses the writes. A rate set here lasts until it is restored or the application
 * stops: it is not written back to the properties.
 */
@Endpoint(id = ExperimentsEndpoint.ID)
public class ExperimentsEndpoint {

    /** The endpoint's id: its path under {@code /actuator}. */
    public static final String ID = "experiments";

    private final Laboratory laboratory;
    private final @Nullable PropertiesExperimentCustomizer properties;
    private final Map<String, Double> rateOverrides = new ConcurrentHashMap<>();

    /**
     * The endpoint of {@code laboratory}; {@code properties} is the customizer that applied
     * {@code parallelrun.experiments.*} to it, or {@code null} when the application built a laboratory without it.
     */
    public ExperimentsEndpoint(Laboratory laboratory, @Nullable PropertiesExperimentCustomizer properties) {
        this.laboratory = requireNonNull(laboratory, "laboratory");
        this.properties = properties;
    }

    /** The laboratory and every experiment, in the order they were built. */
    @ReadOperation
    public ExperimentsDescriptor experiments() {
        Map<String, ExperimentDescriptor> experiments = new LinkedHashMap<>();
        for (Experiment<?> experiment : laboratory.experiments()) {
            experiments.put(experiment.name(), describe(experiment));
        }
        return new ExperimentsDescriptor(laboratory(), experiments, unmatchedProperties());
    }

    /** One experiment, or {@code null} (404) when the laboratory has none of that name. */
    @ReadOperation
    public @Nullable ExperimentDescriptor experiment(@Selector String name) {
        Experiment<?> experiment = find(name);
        return experiment == null ? null : describe(experiment);
    }

    /**
     * Pauses or resumes the whole laboratory: while paused, no call of any experiment is sampled. Experiments
     * paused one by one stay paused when the laboratory resumes.
     *
     * @param action {@code pause} or {@code resume}
     */
    @WriteOperation
    public synchronized ExperimentsDescriptor updateAll(Action action) {
        switch (action) {
            case PAUSE -> laboratory.pause();
            case RESUME -> laboratory.resume();
            default ->
                throw new InvalidEndpointRequestException(
                        "action " + action.text() + " applies to one"
                                + " experiment: POST it to /actuator/experiments/{name}",
                        "action applies to one experiment");
        }
        return experiments();
    }

    /**
     * Changes one experiment.
     *
     * @param name the experiment's name
     * @param action {@code pause}, {@code resume}, {@code sample-rate} or {@code restore-sample-rate}
     * @param sampleRate the share of calls to sample, in [0, 1]: with {@code sample-rate} only
     */
    @WriteOperation
    public synchronized ExperimentDescriptor update(@Selector String name, Action action, @Nullable Double sampleRate) {
        Experiment<?> experiment = find(name);
        if (experiment == null) {
            throw new InvalidEndpointRequestException(
                    "no experiment named '" + name + "' (experiments: " + names() + ")", "no such experiment");
        }
        if (sampleRate != null && action != Action.SAMPLE_RATE) {
            throw new InvalidEndpointRequestException(
                    "sampleRate goes with action sample-rate only, not " + action.text(),
                    "sampleRate without action sample-rate");
        }
        switch (action) {
            case PAUSE -> experiment.pause();
            case RESUME -> experiment.resume();
            case SAMPLE_RATE -> sampleAt(name, sampleRate);
            case RESTORE_SAMPLE_RATE -> {
                runtime(action).overrideSampler(name, null);
                rateOverrides.remove(name);
            }
        }
        return describe(experiment);
    }

    private void sampleAt(String name, @Nullable Double rate) {
        if (rate == null) {
            throw new InvalidEndpointRequestException(
                    "action sample-rate needs a sampleRate in [0, 1]", "missing sampleRate");
        }
        if (!(rate >= 0 && rate <= 1)) {
            throw new InvalidEndpointRequestException(
                    "sampleRate must be in [0, 1], was " + rate, "sampleRate out of range");
        }
        ExperimentProperties configured = configured(name);
        Sampling sampling = configured != null ? configured.getSampling() : Sampling.RANDOM;
        Sampler sampler = sampling.sampler(rate);
        runtime(Action.SAMPLE_RATE).overrideSampler(name, sampler);
        rateOverrides.put(name, rate);
    }

    private RuntimeLaboratory runtime(Action action) {
        if (laboratory instanceof RuntimeLaboratory runtime) {
            return runtime;
        }
        throw new InvalidEndpointRequestException(
                "action " + action.text() + " needs the engine's laboratory"
                        + " (RuntimeLaboratory); this application's is "
                        + laboratory.getClass().getName(),
                "the laboratory cannot change rates");
    }

    private @Nullable Experiment<?> find(String name) {
        for (Experiment<?> experiment : laboratory.experiments()) {
            if (experiment.name().equals(name)) {
                return experiment;
            }
        }
        return null;
    }

    private String names() {
        StringJoiner names = new StringJoiner(", ");
        laboratory.experiments().forEach(experiment -> names.add(experiment.name()));
        return names.length() == 0 ? "none" : names.toString();
    }

    private @Nullable ExperimentProperties configured(String name) {
        return properties == null
                ? null
                : properties.properties().getExperiments().get(name);
    }

    private List<String> unmatchedProperties() {
        if (properties == null) {
            return List.of();
        }
        TreeSet<String> names =
                new TreeSet<>(properties.properties().getExperiments().keySet());
        laboratory.experiments().forEach(experiment -> names.remove(experiment.name()));
        return new ArrayList<>(names);
    }

    private LaboratoryDescriptor laboratory() {
        PublishingStats publishing = laboratory.publishingStats();
        boolean strict = false;
        Integer runaways = null;
        Long runawaysTotal = null;
        if (laboratory instanceof RuntimeLaboratory runtime) {
            strict = runtime.strict();
            runaways = runtime.runaways();
            runawaysTotal = runtime.runawaysTotal();
        }
        return new LaboratoryDescriptor(
                laboratory.paused(),
                laboratory.closed(),
                strict,
                runaways,
                runawaysTotal,
                new PublishingDescriptor(
                        publishing.capacity(),
                        publishing.queued(),
                        publishing.published(),
                        publishing.dropped(),
                        publishing.publisherFailures()));
    }

    private ExperimentDescriptor describe(Experiment<?> experiment) {
        ExperimentStats stats = experiment.stats();
        String name = experiment.name();
        Double rate = rateOverrides.get(name);
        RateSource source = RateSource.ENDPOINT;
        if (rate == null) {
            ExperimentProperties configured = configured(name);
            Double configuredRate = configured == null ? null : configured.effectiveSampleRate();
            boolean fromProperties = configuredRate != null && properties != null && properties.applied(name);
            rate = fromProperties ? configuredRate : null;
            source = fromProperties ? RateSource.PROPERTIES : RateSource.CODE;
        }
        List<CandidateDescriptor> candidates = new ArrayList<>();
        for (CandidateStats candidate : stats.candidates()) {
            candidates.add(new CandidateDescriptor(
                    candidate.candidate(),
                    candidate.outcomes(),
                    candidate.errors(),
                    number(candidate.mismatchRate()),
                    number(candidate.errorRate()),
                    number(candidate.skippedShare()),
                    LatencyDescriptor.of(candidate.latency())));
        }
        Readiness readiness = stats.readiness();
        List<CheckDescriptor> checks = new ArrayList<>();
        for (Readiness.Check check : readiness.checks()) {
            checks.add(new CheckDescriptor(
                    check.criterion(), check.requirement(), check.actual(), check.passed(), check.note()));
        }
        return new ExperimentDescriptor(
                name,
                experiment.paused(),
                rate,
                source,
                stats.sampled(),
                stats.dropped(),
                stats.outcomes(),
                number(stats.mismatchRate()),
                number(stats.candidateErrorRate()),
                number(stats.skippedShare()),
                stats.skipped(),
                stats.runaways(),
                stats.runawaysTotal(),
                LatencyDescriptor.of(stats.control()),
                LatencyDescriptor.of(stats.candidateLatency()),
                candidates,
                stats.expiresOn() == null ? null : stats.expiresOn().toString(),
                stats.expired(),
                new ReadinessDescriptor(readiness.status(), readiness.verdict(), checks));
    }

    /** NaN (nothing to divide by yet) is {@code null} in JSON, which has no NaN. */
    private static @Nullable Double number(double value) {
        return Double.isNaN(value) ? null : value;
    }

    /**
     * What a write operation does. New operations are new actions on the same two paths.
     */
    public enum Action {
        /** Stops sampling (one experiment, or the laboratory). */
        PAUSE,
        /** Lets sampling start again. */
        RESUME,
        /** Samples {@code sampleRate} of one experiment's calls from now on. */
        SAMPLE_RATE,
        /** Samples one experiment's calls with the sampler it was built with again. */
        RESTORE_SAMPLE_RATE;

        /** As written in a request: {@code sample-rate}. */
        public String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Where an experiment's sample rate comes from. */
    public enum RateSource {
        /** Set at run time through this endpoint. */
        ENDPOINT,
        /** {@code parallelrun.experiments.<name>.sample-rate} (or {@code enabled: false}, a rate of 0). */
        PROPERTIES,
        /** The application's code: the sampler it built the experiment with (the rate is then not known here). */
        CODE
    }

    /**
     * The whole laboratory.
     *
     * @param laboratory the laboratory's switch and publishing pipeline
     * @param experiments every experiment by name, in the order they were built
     * @param unmatchedProperties names under {@code parallelrun.experiments} that no experiment has (yet): most
     *     often a typo
     */
    public record ExperimentsDescriptor(
            LaboratoryDescriptor laboratory,
            Map<String, ExperimentDescriptor> experiments,
            List<String> unmatchedProperties)
            implements OperationResponseBody {}

    /**
     * The laboratory.
     *
     * @param paused whether every experiment is paused (by this endpoint or the laboratory's kill switch)
     * @param closed whether the laboratory is closed (the application is stopping)
     * @param strict whether every experiment runs in strict mode
     * @param runaways runaway candidates running now, or {@code null} when the laboratory does not say
     * @param runawaysTotal runaway candidates since the start, or {@code null} when the laboratory does not say
     * @param publishing the publishing pipeline
     */
    public record LaboratoryDescriptor(
            boolean paused,
            boolean closed,
            boolean strict,
            @Nullable Integer runaways,
            @Nullable Long runawaysTotal,
            PublishingDescriptor publishing) {}

    /**
     * The publishing pipeline.
     *
     * @param capacity how many results the queue holds
     * @param queued results waiting to be compared and published
     * @param published results handed to the publishers
     * @param dropped results dropped: the queue was full, or the laboratory was closing
     * @param publisherFailures calls to a publisher that threw
     */
    public record PublishingDescriptor(
            int capacity, int queued, long published, long dropped, long publisherFailures) {}

    /**
     * One experiment. Rates and shares are fractions in [0, 1], {@code null} while there is nothing to divide by.
     *
     * @param name its name
     * @param paused whether its own switch is off (the laboratory's is apart)
     * @param sampleRate the share of calls it samples, when known: set here, or by properties; {@code null} when
     *     its code's sampler decides
     * @param sampleRateSource where the sample rate comes from
     * @param sampled sampled calls with a result
     * @param dropped results not published because the queue was full
     * @param outcomes candidate results per outcome, over all candidates
     * @param mismatchRate mismatches and failed comparisons over compared results
     * @param candidateErrorRate candidate errors over candidate runs
     * @param skippedShare skipped candidate runs over sampled candidate runs: the share never compared
     * @param skipped skipped candidate runs per reason
     * @param runaways its runaway candidates running now
     * @param runawaysTotal its candidates that became runaways since it was built
     * @param control the control's durations on sampled calls
     * @param candidateLatency every candidate's durations together
     * @param candidates per candidate
     * @param expiresOn its expiry date (ISO-8601), or {@code null}
     * @param expired whether the expiry date has passed
     * @param readiness the readiness verdict
     */
    public record ExperimentDescriptor(
            String name,
            boolean paused,
            @Nullable Double sampleRate,
            RateSource sampleRateSource,
            long sampled,
            long dropped,
            Map<Outcome, Long> outcomes,
            @Nullable Double mismatchRate,
            @Nullable Double candidateErrorRate,
            @Nullable Double skippedShare,
            Map<SkipReason, Long> skipped,
            long runaways,
            long runawaysTotal,
            LatencyDescriptor control,
            LatencyDescriptor candidateLatency,
            List<CandidateDescriptor> candidates,
            @Nullable String expiresOn,
            boolean expired,
            ReadinessDescriptor readiness)
            implements OperationResponseBody {}

    /**
     * One candidate of an experiment.
     *
     * @param name its name
     * @param outcomes its results per outcome
     * @param errors its runs that threw where the control returned, or timed out after they started
     * @param mismatchRate mismatches and failed comparisons over compared results
     * @param errorRate errors over runs made
     * @param skippedShare skipped results over all results
     * @param latency its durations
     */
    public record CandidateDescriptor(
            String name,
            Map<Outcome, Long> outcomes,
            long errors,
            @Nullable Double mismatchRate,
            @Nullable Double errorRate,
            @Nullable Double skippedShare,
            LatencyDescriptor latency) {}

    /**
     * Durations, in milliseconds.
     *
     * @param count how many were recorded
     * @param p50Millis median
     * @param p90Millis 90th percentile
     * @param p99Millis 99th percentile
     * @param maxMillis the longest
     */
    public record LatencyDescriptor(
            long count, double p50Millis, double p90Millis, double p99Millis, double maxMillis) {

        static LatencyDescriptor of(LatencySummary summary) {
            return new LatencyDescriptor(
                    summary.count(),
                    millis(summary.p50()),
                    millis(summary.p90()),
                    millis(summary.p99()),
                    millis(summary.max()));
        }

        private static double millis(Duration duration) {
            return duration.toNanos() / 1e6;
        }
    }

    /**
     * The readiness verdict.
     *
     * @param status {@code READY}, {@code NOT_READY} or {@code INCONCLUSIVE}
     * @param verdict the verdict as a person reads it, with each failing check
     * @param checks one per criterion
     */
    public record ReadinessDescriptor(Readiness.Status status, String verdict, List<CheckDescriptor> checks) {}

    /**
     * One readiness criterion checked.
     *
     * @param criterion what is checked
     * @param requirement what it must be
     * @param actual what it is
     * @param passed whether it meets the requirement
     * @param note what a reader should know about this check, or {@code null}
     */
    public record CheckDescriptor(
            String criterion,
            String requirement,
            String actual,
            boolean passed,
            @Nullable String note) {}
}
