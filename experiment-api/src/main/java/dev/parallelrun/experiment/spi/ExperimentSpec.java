package dev.parallelrun.experiment.spi;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.FaultHandler;
import dev.parallelrun.experiment.PathPattern;
import dev.parallelrun.experiment.ReadinessCriteria;
import dev.parallelrun.experiment.Run;
import dev.parallelrun.experiment.Sampler;
import dev.parallelrun.experiment.Tolerance;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The checked options of one experiment, as {@link dev.parallelrun.experiment.ExperimentBuilder#build()} hands
 * them to the laboratory that runs it. Applications use the builder; laboratories read this. New options are
 * added as new accessors with a default, so an implementation keeps compiling.
 *
 * <p>Made by {@link #builder(String)}; immutable; collections are unmodifiable.
 *
 * @param <T> the experiment's value type
 */
public final class ExperimentSpec<T extends @Nullable Object> {

    /** Default {@link #candidateTimeout()}. */
    public static final Duration DEFAULT_CANDIDATE_TIMEOUT = Duration.ofSeconds(1);

    /** Default {@link #maxConcurrentCandidates()}; see the engine's documentation for the measurement behind it. */
    public static final int DEFAULT_MAX_CONCURRENT_CANDIDATES = 256;

    /** Default {@link #maxRunaways()}: the first runaway candidate stops the experiment's candidates. */
    public static final int DEFAULT_MAX_RUNAWAYS = 1;

    /** Default {@link #maxDifferences()}. */
    public static final int DEFAULT_MAX_DIFFERENCES = 100;

    /** Default {@link #maxValueChars()}: 16 KiB. */
    public static final int DEFAULT_MAX_VALUE_CHARS = 16 * 1024;

    /** Two exceptions match when their classes and messages are equal. */
    public static final BiPredicate<Throwable, Throwable> SAME_CLASS_AND_MESSAGE =
            (a, b) -> a.getClass() == b.getClass() && Objects.equals(a.getMessage(), b.getMessage());

    private final String name;
    private final Sampler sampler;
    private final boolean samplesEveryCall;
    private final @Nullable BooleanSupplier runIf;
    private final Duration candidateTimeout;
    private final int maxConcurrentCandidates;
    private final int maxRunaways;
    private final @Nullable Executor candidateExecutor;
    private final @Nullable BiPredicate<? super T, ? super T> comparator;
    private final boolean compareByTree;
    private final BiPredicate<? super Throwable, ? super Throwable> errorComparator;
    private final List<BiPredicate<? super Run<T>, ? super Run<T>>> ignoreRules;
    private final List<PathPattern> ignorePaths;
    private final @Nullable Function<? super T, ? extends @Nullable Object> cleaner;
    private final List<PathPattern> redactPaths;
    private final @Nullable Supplier<? extends Map<String, ?>> context;
    private final @Nullable Runnable beforeRun;
    private final @Nullable LocalDate expiresOn;
    private final @Nullable Boolean strict;
    private final @Nullable Tolerance tolerance;
    private final Map<PathPattern, Tolerance> tolerances;
    private final List<PathPattern> unorderedPaths;
    private final int maxDifferences;
    private final int maxValueChars;
    private final ReadinessCriteria readiness;
    private final @Nullable FaultHandler faultHandler;
    private final boolean captureInputs;

    private ExperimentSpec(Builder<T> b) {
        this.name = b.name;
        this.sampler = b.sampler;
        this.samplesEveryCall = b.samplesEveryCall;
        this.runIf = b.runIf;
        this.candidateTimeout = b.candidateTimeout;
        this.maxConcurrentCandidates = b.maxConcurrentCandidates;
        this.maxRunaways = b.maxRunaways;
        this.candidateExecutor = b.candidateExecutor;
        this.comparator = b.comparator;
        this.compareByTree = b.compareByTree;
        this.errorComparator = b.errorComparator;
        this.ignoreRules = List.copyOf(b.ignoreRules);
        this.ignorePaths = List.copyOf(b.ignorePaths);
        this.cleaner = b.cleaner;
        this.redactPaths = List.copyOf(b.redactPaths);
        this.context = b.context;
        this.beforeRun = b.beforeRun;
        this.expiresOn = b.expiresOn;
        this.strict = b.strict;
        this.tolerance = b.tolerance;
        this.tolerances = Collections.unmodifiableMap(new LinkedHashMap<>(b.tolerances));
        this.unorderedPaths = List.copyOf(b.unorderedPaths);
        this.maxDifferences = b.maxDifferences;
        this.maxValueChars = b.maxValueChars;
        this.readiness = b.readiness;
        this.faultHandler = b.faultHandler;
        this.captureInputs = b.captureInputs;
    }

    /** A builder holding these options, to change some of them (see {@link ExperimentCustomizer}). */
    public Builder<T> toBuilder() {
        Builder<T> b = new Builder<>(name);
        b.sampler = sampler;
        b.samplesEveryCall = samplesEveryCall;
        b.runIf = runIf;
        b.candidateTimeout = candidateTimeout;
        b.maxConcurrentCandidates = maxConcurrentCandidates;
        b.maxRunaways = maxRunaways;
        b.candidateExecutor = candidateExecutor;
        b.comparator = comparator;
        b.compareByTree = compareByTree;
        b.errorComparator = errorComparator;
        b.ignoreRules = ignoreRules;
        b.ignorePaths = ignorePaths;
        b.cleaner = cleaner;
        b.redactPaths = redactPaths;
        b.context = context;
        b.beforeRun = beforeRun;
        b.expiresOn = expiresOn;
        b.strict = strict;
        b.tolerance = tolerance;
        b.tolerances = tolerances;
        b.unorderedPaths = unorderedPaths;
        b.maxDifferences = maxDifferences;
        b.maxValueChars = maxValueChars;
        b.readiness = readiness;
        b.faultHandler = faultHandler;
        b.captureInputs = captureInputs;
        return b;
    }

    /** Options with every default, for an experiment named {@code name}. */
    public static <T extends @Nullable Object> Builder<T> builder(String name) {
        return new Builder<>(name);
    }

    /** The experiment's name. */
    public String name() {
        return name;
    }

    /** Decides which calls run the candidates; {@link Sampler#always()} when none was given. */
    public Sampler sampler() {
        return sampler;
    }

    /** True when neither a sample rate nor a sampler was given, so every call is sampled. */
    public boolean samplesEveryCall() {
        return samplesEveryCall;
    }

    /** A condition every sampled call must also meet, or {@code null}. */
    public @Nullable BooleanSupplier runIf() {
        return runIf;
    }

    /** How long a candidate may take, counted from the moment its call was sampled. */
    public Duration candidateTimeout() {
        return candidateTimeout;
    }

    /** How many candidates of this experiment may be in flight at once; past it they are skipped. */
    public int maxConcurrentCandidates() {
        return maxConcurrentCandidates;
    }

    /** How many runaway candidates (past their timeout, thread still running) stop the experiment's candidates. */
    public int maxRunaways() {
        return maxRunaways;
    }

    /** Where candidates run instead of on virtual threads of their own, or {@code null}. */
    public @Nullable Executor candidateExecutor() {
        return candidateExecutor;
    }

    /** Decides whether two values match, or {@code null} for {@code equals} and then the structural differ. */
    public @Nullable BiPredicate<? super T, ? super T> comparator() {
        return comparator;
    }

    /**
     * True when values match by their trees alone ({@code equals} is not asked): for classes without
     * {@code equals}.
     */
    public boolean compareByTree() {
        return compareByTree;
    }

    /** Decides whether two exceptions match. */
    public BiPredicate<? super Throwable, ? super Throwable> errorComparator() {
        return errorComparator;
    }

    /** Rules that turn a mismatch into {@code IGNORED}, in order. */
    public List<BiPredicate<? super Run<T>, ? super Run<T>>> ignoreRules() {
        return ignoreRules;
    }

    /** Paths whose differences are ignored. */
    public List<PathPattern> ignorePaths() {
        return ignorePaths;
    }

    /** What is published (and shown in differences) instead of a raw value, or {@code null}. */
    public @Nullable Function<? super T, ? extends @Nullable Object> cleaner() {
        return cleaner;
    }

    /** Paths whose values are never published. */
    public List<PathPattern> redactPaths() {
        return redactPaths;
    }

    /** What the result shows about each sampled call, after the call's own context, or {@code null}. */
    public @Nullable Supplier<? extends Map<String, ?>> context() {
        return context;
    }

    /** Set-up that only sampled calls pay for, or {@code null}. */
    public @Nullable Runnable beforeRun() {
        return beforeRun;
    }

    /** The date past which the experiment is flagged (or fails, in strict mode), or {@code null}. */
    public @Nullable LocalDate expiresOn() {
        return expiresOn;
    }

    /** Strict mode, or {@code null} to follow the laboratory. */
    public @Nullable Boolean strict() {
        return strict;
    }

    /** Numeric tolerance everywhere, or {@code null}. */
    public @Nullable Tolerance tolerance() {
        return tolerance;
    }

    /** Numeric tolerance per path, checked before the global one. */
    public Map<PathPattern, Tolerance> tolerances() {
        return tolerances;
    }

    /** Arrays compared as multisets. */
    public List<PathPattern> unorderedPaths() {
        return unorderedPaths;
    }

    /** Cap on the differences kept per candidate. */
    public int maxDifferences() {
        return maxDifferences;
    }

    /** Cap on the characters of each published value. */
    public int maxValueChars() {
        return maxValueChars;
    }

    /** The criteria of the readiness verdict. */
    public ReadinessCriteria readiness() {
        return readiness;
    }

    /** Told about every fault the experiment catches, or {@code null}. */
    public @Nullable FaultHandler faultHandler() {
        return faultHandler;
    }

    /** True when sampled calls keep their input ({@code Call.input}, or {@code wrap}'s argument) on the result. */
    public boolean captureInputs() {
        return captureInputs;
    }

    @Override
    public String toString() {
        return "ExperimentSpec[" + name + "]";
    }

    /**
     * Sets the options of an {@link ExperimentSpec}. Only nulls are refused here (the user-facing builder checks
     * everything else and reports it); the defaults are those of the constants above.
     *
     * @param <T> the experiment's value type
     */
    public static final class Builder<T extends @Nullable Object> {
        private final String name;
        private Sampler sampler = Sampler.always();
        private boolean samplesEveryCall = true;
        private @Nullable BooleanSupplier runIf;
        private Duration candidateTimeout = DEFAULT_CANDIDATE_TIMEOUT;
        private int maxConcurrentCandidates = DEFAULT_MAX_CONCURRENT_CANDIDATES;
        private int maxRunaways = DEFAULT_MAX_RUNAWAYS;
        private @Nullable Executor candidateExecutor;
        private @Nullable BiPredicate<? super T, ? super T> comparator;
        private boolean compareByTree;
        private BiPredicate<? super Throwable, ? super Throwable> errorComparator = SAME_CLASS_AND_MESSAGE;
        private List<BiPredicate<? super Run<T>, ? super Run<T>>> ignoreRules = List.of();
        private List<PathPattern> ignorePaths = List.of();
        private @Nullable Function<? super T, ? extends @Nullable Object> cleaner;
        private List<PathPattern> redactPaths = List.of();
        private @Nullable Supplier<? extends Map<String, ?>> context;
        private @Nullable Runnable beforeRun;
        private @Nullable LocalDate expiresOn;
        private @Nullable Boolean strict;
        private @Nullable Tolerance tolerance;
        private Map<PathPattern, Tolerance> tolerances = Map.of();
        private List<PathPattern> unorderedPaths = List.of();
        private int maxDifferences = DEFAULT_MAX_DIFFERENCES;
        private int maxValueChars = DEFAULT_MAX_VALUE_CHARS;
        private ReadinessCriteria readiness = ReadinessCriteria.defaults();
        private @Nullable FaultHandler faultHandler;
        private boolean captureInputs;

        private Builder(String name) {
            this.name = requireNonNull(name, "name");
        }

        /** See {@link ExperimentSpec#sampler()}; also clears {@link ExperimentSpec#samplesEveryCall()}. */
        public Builder<T> sampler(Sampler value) {
            this.sampler = requireNonNull(value, "sampler");
            this.samplesEveryCall = false;
            return this;
        }

        /** See {@link ExperimentSpec#runIf()}. */
        public Builder<T> runIf(@Nullable BooleanSupplier value) {
            this.runIf = value;
            return this;
        }

        /** See {@link ExperimentSpec#candidateTimeout()}. */
        public Builder<T> candidateTimeout(Duration value) {
            this.candidateTimeout = requireNonNull(value, "candidateTimeout");
            return this;
        }

        /** See {@link ExperimentSpec#maxConcurrentCandidates()}. */
        public Builder<T> maxConcurrentCandidates(int value) {
            this.maxConcurrentCandidates = value;
            return this;
        }

        /** See {@link ExperimentSpec#maxRunaways()}. */
        public Builder<T> maxRunaways(int value) {
            this.maxRunaways = value;
            return this;
        }

        /** See {@link ExperimentSpec#candidateExecutor()}. */
        public Builder<T> candidateExecutor(@Nullable Executor value) {
            this.candidateExecutor = value;
            return this;
        }

        /** See {@link ExperimentSpec#comparator()}. */
        public Builder<T> comparator(@Nullable BiPredicate<? super T, ? super T> value) {
            this.comparator = value;
            return this;
        }

        /** See {@link ExperimentSpec#compareByTree()}. */
        public Builder<T> compareByTree(boolean value) {
            this.compareByTree = value;
            return this;
        }

        /** See {@link ExperimentSpec#errorComparator()}. */
        public Builder<T> errorComparator(BiPredicate<? super Throwable, ? super Throwable> value) {
            this.errorComparator = requireNonNull(value, "errorComparator");
            return this;
        }

        /** See {@link ExperimentSpec#ignoreRules()}. */
        public Builder<T> ignoreRules(List<BiPredicate<? super Run<T>, ? super Run<T>>> value) {
            this.ignoreRules = List.copyOf(value);
            return this;
        }

        /** See {@link ExperimentSpec#ignorePaths()}. */
        public Builder<T> ignorePaths(List<PathPattern> value) {
            this.ignorePaths = List.copyOf(value);
            return this;
        }

        /** See {@link ExperimentSpec#cleaner()}. */
        public Builder<T> cleaner(@Nullable Function<? super T, ? extends @Nullable Object> value) {
            this.cleaner = value;
            return this;
        }

        /** See {@link ExperimentSpec#redactPaths()}. */
        public Builder<T> redactPaths(List<PathPattern> value) {
            this.redactPaths = List.copyOf(value);
            return this;
        }

        /** See {@link ExperimentSpec#context()}. */
        public Builder<T> context(@Nullable Supplier<? extends Map<String, ?>> value) {
            this.context = value;
            return this;
        }

        /** See {@link ExperimentSpec#beforeRun()}. */
        public Builder<T> beforeRun(@Nullable Runnable value) {
            this.beforeRun = value;
            return this;
        }

        /** See {@link ExperimentSpec#expiresOn()}. */
        public Builder<T> expiresOn(@Nullable LocalDate value) {
            this.expiresOn = value;
            return this;
        }

        /** See {@link ExperimentSpec#strict()}. */
        public Builder<T> strict(@Nullable Boolean value) {
            this.strict = value;
            return this;
        }

        /** See {@link ExperimentSpec#tolerance()}. */
        public Builder<T> tolerance(@Nullable Tolerance value) {
            this.tolerance = value;
            return this;
        }

        /** See {@link ExperimentSpec#tolerances()}. */
        public Builder<T> tolerances(Map<PathPattern, Tolerance> value) {
            this.tolerances = new LinkedHashMap<>(value);
            return this;
        }

        /** See {@link ExperimentSpec#unorderedPaths()}. */
        public Builder<T> unorderedPaths(List<PathPattern> value) {
            this.unorderedPaths = List.copyOf(value);
            return this;
        }

        /** See {@link ExperimentSpec#maxDifferences()}. */
        public Builder<T> maxDifferences(int value) {
            this.maxDifferences = value;
            return this;
        }

        /** See {@link ExperimentSpec#maxValueChars()}. */
        public Builder<T> maxValueChars(int value) {
            this.maxValueChars = value;
            return this;
        }

        /** See {@link ExperimentSpec#readiness()}. */
        public Builder<T> readiness(ReadinessCriteria value) {
            this.readiness = requireNonNull(value, "readiness");
            return this;
        }

        /** See {@link ExperimentSpec#faultHandler()}. */
        public Builder<T> faultHandler(@Nullable FaultHandler value) {
            this.faultHandler = value;
            return this;
        }

        /** See {@link ExperimentSpec#captureInputs()}. */
        public Builder<T> captureInputs(boolean value) {
            this.captureInputs = value;
            return this;
        }

        /** The name these options are for. */
        public String name() {
            return name;
        }

        /** The spec. */
        public ExperimentSpec<T> build() {
            return new ExperimentSpec<>(this);
        }
    }
}
