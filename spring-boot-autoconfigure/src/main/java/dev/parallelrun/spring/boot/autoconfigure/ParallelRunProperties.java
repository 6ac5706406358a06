package dev.parallelrun.spring.boot.autoconfigure;

import dev.parallelrun.experiment.ExperimentBuilder;
import dev.parallelrun.experiment.PathPattern;
import dev.parallelrun.experiment.Sampler;
import dev.parallelrun.experiment.migration.Stage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The {@code parallelrun.*} properties: the laboratory's options, its publishers', and per experiment
 * ({@code parallelrun.experiments.<name>.*}) options that win over what the application's code set.
 *
 * <p>Every value is checked when the properties are bound, before any bean is made: a bad one fails the startup
 * with a message that names its key ({@code parallelrun.experiments.pricing-v2.sample-rate must be in [0, 1], was
 * 1.5}).
 */
@ConfigurationProperties(ParallelRunProperties.PREFIX)
public class ParallelRunProperties implements Validator {

    /** The prefix of every key. */
    public static final String PREFIX = "parallelrun";

    /**
     * Strict mode for every experiment, for tests: every call is sampled, the caller waits for its result, and
     * anything but a match throws a MismatchException. Never in production.
     */
    private boolean strict;

    /** How many results may wait for the publishing thread; past it they are dropped and counted. */
    private int queueCapacity = 10_000;

    /** How long closing the laboratory at shutdown may take to drain the results still queued. */
    private Duration closeTimeout = Duration.ofSeconds(5);

    /** The Micrometer publisher, made when the application has a MeterRegistry. */
    private final Micrometer micrometer = new Micrometer();

    /** The OpenTelemetry publisher, made when the application has an OpenTelemetry bean. */
    private final OpenTelemetry opentelemetry = new OpenTelemetry();

    /** The JSON Lines publisher, made when a directory is set: what the report reads. */
    private final JsonLines jsonLines = new JsonLines();

    /**
     * Options per experiment name, applied when the application builds the experiment of that name; they win
     * over the options its code set. Use the bracket form for a name with '.', '_' or ':'
     * ({@code parallelrun.experiments[pricing.v2].sample-rate}).
     */
    private final Map<String, ExperimentProperties> experiments = new LinkedHashMap<>();

    /**
     * Options per migration name, for migrations whose stage source the MigrationStages bean handed out. Use the
     * bracket form for a name with '.' or '_' (parallelrun.migrations[customer.store].stage).
     */
    private final Map<String, MigrationProperties> migrations = new LinkedHashMap<>();

    /** See {@link #setStrict(boolean)}. */
    public boolean isStrict() {
        return strict;
    }

    /** Strict mode for every experiment (for tests). */
    public void setStrict(boolean strict) {
        this.strict = strict;
    }

    /** See {@link #setQueueCapacity(int)}. */
    public int getQueueCapacity() {
        return queueCapacity;
    }

    /** How many results may wait for the publishing thread. */
    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    /** See {@link #setCloseTimeout(Duration)}. */
    public Duration getCloseTimeout() {
        return closeTimeout;
    }

    /** How long closing the laboratory may take. */
    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    /** The Micrometer publisher's options. */
    public Micrometer getMicrometer() {
        return micrometer;
    }

    /** The OpenTelemetry publisher's options. */
    public OpenTelemetry getOpentelemetry() {
        return opentelemetry;
    }

    /** The JSON Lines publisher's options. */
    public JsonLines getJsonLines() {
        return jsonLines;
    }

    /** Options per experiment name. */
    public Map<String, ExperimentProperties> getExperiments() {
        return experiments;
    }

    /** Options per migration name. */
    public Map<String, MigrationProperties> getMigrations() {
        return migrations;
    }

    /** The stage each configured migration starts in, by name: what {@link MigrationStages} starts from. */
    public Map<String, Stage> initialStages() {
        Map<String, Stage> stages = new LinkedHashMap<>();
        migrations.forEach((name, migration) -> stages.put(name, migration.getStage()));
        return stages;
    }

    @Override
    public boolean supports(Class<?> type) {
        // the root only: every message is made here, with the whole key
        return type == ParallelRunProperties.class;
    }

    @Override
    public void validate(Object target, Errors errors) {
        ParallelRunProperties properties = (ParallelRunProperties) target;
        Problems problems = new Problems(errors);
        if (properties.queueCapacity < 1) {
            problems.add("queueCapacity", "queue-capacity", "must be at least 1, was " + properties.queueCapacity);
        }
        Duration close = properties.closeTimeout;
        if (close == null || close.isNegative() || close.compareTo(Duration.ofDays(1)) > 0) {
            problems.add("closeTimeout", "close-timeout", "must be zero or positive and at most 1d, was " + close);
        }
        properties.opentelemetry.validate(problems);
        properties.jsonLines.validate(problems);
        properties.experiments.forEach((name, experiment) -> experiment.validate(name, problems));
        properties.migrations.forEach((name, migration) -> migration.validate(name, problems));
    }

    /** Rejects values with a message that starts with the key, as a person would type it. */
    static final class Problems {
        private final Errors errors;

        Problems(Errors errors) {
            this.errors = errors;
        }

        void add(String field, String key, String problem) {
            errors.rejectValue(field, "invalid", PREFIX + "." + key + " " + problem);
        }
    }

    /** How a rate set in properties (or through the endpoint) samples calls. */
    public enum Sampling {
        /** Each call drawn at random at the rate ({@code Sampler.fixed}). */
        RANDOM,
        /** A sticky share of keys: a key gets the same decision on every call and JVM ({@code Sampler.keyed}). */
        KEYED;

        /** The sampler of this kind at {@code rate}. */
        public Sampler sampler(double rate) {
            return this == KEYED ? Sampler.keyed(rate) : Sampler.fixed(rate);
        }
    }

    /** {@code parallelrun.experiments.<name>.*}: what the properties change of one experiment. */
    public static class ExperimentProperties {

        // a map key Boot keeps as it is without brackets; any other is written [name]
        private static final Pattern PLAIN_KEY = Pattern.compile("[a-z0-9][a-z0-9-]*");

        /**
         * Whether the experiment samples calls at all. False samples none (its candidates never run) until a rate
         * is set at run time through the experiments endpoint.
         */
        private boolean enabled = true;

        /** Share of calls that run the candidates, in [0, 1]; replaces the sampler set in code. */
        private @Nullable Double sampleRate;

        /** How sample-rate draws: 'random' per call, or 'keyed' (sticky per call key). Default random. */
        private Sampling sampling = Sampling.RANDOM;

        /** How long a candidate may take, counted from the sampling of its call. */
        private @Nullable Duration candidateTimeout;

        /** How many candidates of the experiment may be in flight at once; past it they are skipped. */
        private @Nullable Integer maxConcurrentCandidates;

        /** RFC 6901 pointers whose differences are ignored, added to those set in code; '*' is any index or key. */
        private List<String> ignorePaths = new ArrayList<>();

        /** RFC 6901 pointers whose values are never published, added to those set in code. */
        private List<String> redactPaths = new ArrayList<>();

        /** The date past which the experiment is flagged as expired (and fails in strict mode). */
        private @Nullable LocalDate expiresOn;

        /** See {@link #setEnabled(boolean)}. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Whether the experiment samples calls at all. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** See {@link #setSampleRate(Double)}. */
        public @Nullable Double getSampleRate() {
            return sampleRate;
        }

        /** Share of calls that run the candidates, in [0, 1]. */
        public void setSampleRate(@Nullable Double sampleRate) {
            this.sampleRate = sampleRate;
        }

        /** See {@link #setSampling(Sampling)}. */
        public Sampling getSampling() {
            return sampling;
        }

        /** How sample-rate draws. */
        public void setSampling(Sampling sampling) {
            this.sampling = sampling;
        }

        /** See {@link #setCandidateTimeout(Duration)}. */
        public @Nullable Duration getCandidateTimeout() {
            return candidateTimeout;
        }

        /** How long a candidate may take. */
        public void setCandidateTimeout(@Nullable Duration candidateTimeout) {
            this.candidateTimeout = candidateTimeout;
        }

        /** See {@link #setMaxConcurrentCandidates(Integer)}. */
        public @Nullable Integer getMaxConcurrentCandidates() {
            return maxConcurrentCandidates;
        }

        /** How many candidates may be in flight at once. */
        public void setMaxConcurrentCandidates(@Nullable Integer maxConcurrentCandidates) {
            this.maxConcurrentCandidates = maxConcurrentCandidates;
        }

        /** See {@link #setIgnorePaths(List)}. */
        public List<String> getIgnorePaths() {
            return ignorePaths;
        }

        /** Pointers whose differences are ignored. */
        public void setIgnorePaths(List<String> ignorePaths) {
            this.ignorePaths = ignorePaths;
        }

        /** See {@link #setRedactPaths(List)}. */
        public List<String> getRedactPaths() {
            return redactPaths;
        }

        /** Pointers whose values are never published. */
        public void setRedactPaths(List<String> redactPaths) {
            this.redactPaths = redactPaths;
        }

        /** See {@link #setExpiresOn(LocalDate)}. */
        public @Nullable LocalDate getExpiresOn() {
            return expiresOn;
        }

        /** The date past which the experiment is flagged as expired. */
        public void setExpiresOn(@Nullable LocalDate expiresOn) {
            this.expiresOn = expiresOn;
        }

        /** The rate these properties sample at: 0 when disabled, else the sample rate, or null when code decides. */
        public @Nullable Double effectiveSampleRate() {
            return enabled ? sampleRate : Double.valueOf(0);
        }

        void validate(String name, Problems problems) {
            String field = "experiments[" + name + "].";
            String key = "experiments" + (PLAIN_KEY.matcher(name).matches() ? "." + name : "[" + name + "]") + ".";
            if (sampleRate != null && !(sampleRate >= 0 && sampleRate <= 1)) {
                problems.add(field + "sampleRate", key + "sample-rate", "must be in [0, 1], was " + sampleRate);
            }
            if (sampling == Sampling.KEYED && sampleRate == null) {
                problems.add(
                        field + "sampling",
                        key + "sampling",
                        "is keyed but no sample-rate is set: set " + PREFIX + "." + key + "sample-rate too");
            }
            if (candidateTimeout != null
                    && (candidateTimeout.isNegative()
                            || candidateTimeout.isZero()
                            || candidateTimeout.compareTo(ExperimentBuilder.MAX_TIMEOUT) > 0)) {
                problems.add(
                        field + "candidateTimeout",
                        key + "candidate-timeout",
                        "must be positive and at most 1d, was " + candidateTimeout);
            }
            if (maxConcurrentCandidates != null && maxConcurrentCandidates < 1) {
                problems.add(
                        field + "maxConcurrentCandidates",
                        key + "max-concurrent-candidates",
                        "must be at least 1, was " + maxConcurrentCandidates);
            }
            checkPointers(ignorePaths, field + "ignorePaths", key + "ignore-paths", problems);
            checkPointers(redactPaths, field + "redactPaths", key + "redact-paths", problems);
        }

        private static void checkPointers(List<String> pointers, String field, String key, Problems problems) {
            for (int i = 0; i < pointers.size(); i++) {
                String pointer = pointers.get(i);
                try {
                    PathPattern.parse(pointer);
                } catch (IllegalArgumentException e) {
                    problems.add(field + "[" + i + "]", key + "[" + i + "]", "is not a pointer: " + e.getMessage());
                }
            }
        }

        List<PathPattern> ignorePatterns() {
            return ignorePaths.stream().map(PathPattern::parse).toList();
        }

        List<PathPattern> redactPatterns() {
            return redactPaths.stream().map(PathPattern::parse).toList();
        }
    }

    /** {@code parallelrun.migrations.<name>.*}: a migration whose stage source is {@link MigrationStages}'. */
    public static class MigrationProperties {

        /**
         * The stage the migration starts in, until it is set through the migrations endpoint: off, dual-write,
         * shadow, live, ramp-down or complete. Default off.
         */
        private Stage stage = Stage.OFF;

        /** See {@link #setStage(Stage)}. */
        public Stage getStage() {
            return stage;
        }

        /** The stage the migration starts in. */
        public void setStage(Stage stage) {
            this.stage = stage;
        }

        // a value Boot could not make a stage of fails its binding; an empty one binds null
        void validate(String name, Problems problems) {
            if (stage == null) {
                String key = "migrations"
                        + (ExperimentProperties.PLAIN_KEY.matcher(name).matches() ? "." + name : "[" + name + "]");
                problems.add(
                        "migrations[" + name + "].stage",
                        key + ".stage",
                        "must be one of off, dual-write, shadow, live, ramp-down, complete; was empty");
            }
        }
    }

    /** {@code parallelrun.micrometer.*}. */
    public static class Micrometer {

        /** Whether results are published to the application's MeterRegistry. */
        private boolean enabled = true;

        /** Percentile histograms on the duration timers (about 70 more series per timer). */
        private boolean percentileHistograms;

        /** See {@link #setEnabled(boolean)}. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Whether results are published to the MeterRegistry. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** See {@link #setPercentileHistograms(boolean)}. */
        public boolean isPercentileHistograms() {
            return percentileHistograms;
        }

        /** Percentile histograms on the duration timers. */
        public void setPercentileHistograms(boolean percentileHistograms) {
            this.percentileHistograms = percentileHistograms;
        }
    }

    /** {@code parallelrun.opentelemetry.*}. */
    public static class OpenTelemetry {

        /** Whether a span per candidate and a log record per mismatch go to the application's OpenTelemetry. */
        private boolean enabled = true;

        /** About how many characters a mismatch log record's body may hold; at least 1024. */
        private int maxBodyChars = 32768;

        /**
         * Whether a failed migration write's log record carries the call's key. Off by default: keys are often
         * customer identifiers and telemetry backends are often shared; the JSON Lines files keep the keys.
         */
        private boolean writeFailureKeys;

        /** See {@link #setEnabled(boolean)}. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Whether results are published to OpenTelemetry. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** See {@link #setMaxBodyChars(int)}. */
        public int getMaxBodyChars() {
            return maxBodyChars;
        }

        /** About how many characters a mismatch log record's body may hold. */
        public void setMaxBodyChars(int maxBodyChars) {
            this.maxBodyChars = maxBodyChars;
        }

        /** See {@link #setWriteFailureKeys(boolean)}. */
        public boolean isWriteFailureKeys() {
            return writeFailureKeys;
        }

        /** Whether a failed migration write's log record carries the call's key. */
        public void setWriteFailureKeys(boolean writeFailureKeys) {
            this.writeFailureKeys = writeFailureKeys;
        }

        void validate(Problems problems) {
            if (maxBodyChars < 1024) {
                problems.add(
                        "opentelemetry.maxBodyChars",
                        "opentelemetry.max-body-chars",
                        "must be at least 1024, was " + maxBodyChars);
            }
        }
    }

    /** {@code parallelrun.json-lines.*}. */
    public static class JsonLines {

        static final String PUBLISHER_CLASS = "dev.parallelrun.publisher.jsonlines.JsonLinesPublisher";

        /** Directory the JSON Lines files are written to (made, owner only, if missing); unset: no files. */
        private @Nullable Path directory;

        /** Whether every result is written, matches included; by default only those that need attention. */
        private boolean everyResult;

        /** Size after which a file is closed and the next one started; at least 1KB. */
        private DataSize maxFileSize = DataSize.ofMegabytes(64);

        /** Most bytes this application's files may hold together (oldest deleted first); at least max-file-size. */
        private DataSize maxTotalSize = DataSize.ofGigabytes(1);

        /** How often a summary line per experiment is written; at least 10ms. */
        private Duration summaryInterval = Duration.ofSeconds(60);

        /** See {@link #setDirectory(Path)}. */
        public @Nullable Path getDirectory() {
            return directory;
        }

        /** Directory the files are written to. */
        public void setDirectory(@Nullable Path directory) {
            this.directory = directory;
        }

        /** See {@link #setEveryResult(boolean)}. */
        public boolean isEveryResult() {
            return everyResult;
        }

        /** Whether every result is written. */
        public void setEveryResult(boolean everyResult) {
            this.everyResult = everyResult;
        }

        /** See {@link #setMaxFileSize(DataSize)}. */
        public DataSize getMaxFileSize() {
            return maxFileSize;
        }

        /** Size after which a file is closed. */
        public void setMaxFileSize(DataSize maxFileSize) {
            this.maxFileSize = maxFileSize;
        }

        /** See {@link #setMaxTotalSize(DataSize)}. */
        public DataSize getMaxTotalSize() {
            return maxTotalSize;
        }

        /** Most bytes the files may hold together. */
        public void setMaxTotalSize(DataSize maxTotalSize) {
            this.maxTotalSize = maxTotalSize;
        }

        /** See {@link #setSummaryInterval(Duration)}. */
        public Duration getSummaryInterval() {
            return summaryInterval;
        }

        /** How often a summary line per experiment is written. */
        public void setSummaryInterval(Duration summaryInterval) {
            this.summaryInterval = summaryInterval;
        }

        void validate(Problems problems) {
            if (directory != null && !ClassUtils.isPresent(PUBLISHER_CLASS, JsonLines.class.getClassLoader())) {
                problems.add(
                        "jsonLines.directory",
                        "json-lines.directory",
                        "is set but publisher-json-lines is not on the class path (add it, or use the starter)");
            }
            if (maxFileSize.toBytes() < 1024) {
                problems.add(
                        "jsonLines.maxFileSize",
                        "json-lines.max-file-size",
                        "must be at least 1KB, was " + maxFileSize);
            }
            if (maxTotalSize.toBytes() < maxFileSize.toBytes()) {
                problems.add(
                        "jsonLines.maxTotalSize",
                        "json-lines.max-total-size",
                        "must be at least max-file-size (" + maxFileSize + "), was " + maxTotalSize);
            }
            if (summaryInterval.compareTo(Duration.ofMillis(10)) < 0) {
                problems.add(
                        "jsonLines.summaryInterval",
                        "json-lines.summary-interval",
                        "must be at least 10ms, was " + summaryInterval);
            }
        }
    }
}
