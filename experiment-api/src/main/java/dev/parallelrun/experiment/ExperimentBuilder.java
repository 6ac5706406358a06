package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.spi.ExperimentBuilders;
import dev.parallelrun.experiment.spi.ExperimentFactory;
import dev.parallelrun.experiment.spi.ExperimentSpec;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Options of one experiment, from {@link Laboratory#experiment(String, Class)}. Every mistake (an empty
 * name, a rate outside [0, 1], a negative timeout, a malformed pointer) is reported by {@link #build()},
 * all at once, with a message that names the option; nothing is checked later, at run time.
 *
 * {@snippet :
 * Experiment<Price> pricing = lab.experiment("pricing-v2", Price.class)
 *         .sampleRate(0.05)                            // 5% of calls run the candidate
 *         .candidateTimeout(Duration.ofMillis(250))
 *         .ignorePaths("/quotedAt")                    // RFC 6901 pointers, '*' for any index
 *         .expiresOn(LocalDate.parse("2027-03-01"))    // parallel runs must not become permanent
 *         .build();
 * }
 *
 * @param <T> the experiment's value type
 */
public final class ExperimentBuilder<T extends @Nullable Object> {

    /** The longest candidate timeout: candidates must stay bounded. */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(1);

    static {
        // the one way for a laboratory to make builders (the constructor is not public): see ExperimentBuilders
        ExperimentBuilders.install(new ExperimentBuilders.Maker() {
            @Override
            public <U extends @Nullable Object> ExperimentBuilder<U> make(
                    @Nullable String name, ExperimentFactory factory) {
                return new ExperimentBuilder<>(name, factory);
            }
        });
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    private final @Nullable String name;
    private final ExperimentFactory factory;
    private double sampleRate = Double.NaN;
    private boolean sampleRateSet;
    private @Nullable Sampler sampler;
    private @Nullable BooleanSupplier runIf;
    private @Nullable Duration candidateTimeout = ExperimentSpec.DEFAULT_CANDIDATE_TIMEOUT;
    private int maxConcurrentCandidates = ExperimentSpec.DEFAULT_MAX_CONCURRENT_CANDIDATES;
    private int maxRunaways = ExperimentSpec.DEFAULT_MAX_RUNAWAYS;
    private @Nullable Executor candidateExecutor;
    private boolean candidateExecutorSetToNull;
    private @Nullable FaultHandler faultHandler;
    private boolean captureInputs;
    private @Nullable BiPredicate<? super T, ? super T> comparator;
    private boolean compareByTree;
    private @Nullable BiPredicate<? super Throwable, ? super Throwable> errorComparator =
            ExperimentSpec.SAME_CLASS_AND_MESSAGE;
    private final List<@Nullable BiPredicate<? super Run<T>, ? super Run<T>>> ignoreRules = new ArrayList<>();
    private final List<@Nullable String> ignorePaths = new ArrayList<>();
    private @Nullable Function<? super T, ? extends @Nullable Object> cleaner;
    private final List<@Nullable String> redactPaths = new ArrayList<>();
    private @Nullable Supplier<? extends Map<String, ?>> context;
    private @Nullable Runnable beforeRun;
    private @Nullable LocalDate expiresOn;
    private boolean expiresOnSetToNull;
    private @Nullable Boolean strict;
    private @Nullable Tolerance tolerance;
    private final Map<@Nullable String, @Nullable Tolerance> tolerances = new LinkedHashMap<>();
    private final List<@Nullable String> unorderedPaths = new ArrayList<>();
    private int maxDifferences = ExperimentSpec.DEFAULT_MAX_DIFFERENCES;
    private int maxValueChars = ExperimentSpec.DEFAULT_MAX_VALUE_CHARS;
    private @Nullable ReadinessCriteria readiness = ReadinessCriteria.defaults();
    private final List<String> nullOptions = new ArrayList<>();

    private ExperimentBuilder(@Nullable String name, ExperimentFactory factory) {
        this.name = name;
        this.factory = requireNonNull(factory, "factory");
    }

    /**
     * Samples this share of calls at random, in [0, 1]: {@code sampler(Sampler.fixed(rate))}, checked at
     * {@link #build()}. Random per call even when the call has a key; for a sticky share of keys use
     * {@code sampler(Sampler.keyed(rate))}. Excludes {@link #sampler(Sampler)}.
     */
    public ExperimentBuilder<T> sampleRate(double rate) {
        this.sampleRate = rate;
        this.sampleRateSet = true;
        return this;
    }

    /** Samples the calls {@code sampler} picks. Excludes {@link #sampleRate(double)}. */
    public ExperimentBuilder<T> sampler(Sampler sampler) {
        this.sampler = sampler;
        noteNull("sampler", sampler);
        return this;
    }

    /**
     * Samples a call only when {@code condition} also holds (read on the caller's thread, per call, after the
     * sampler said yes). A condition that throws means "not sampled".
     */
    public ExperimentBuilder<T> runIf(BooleanSupplier condition) {
        this.runIf = condition;
        noteNull("runIf", condition);
        return this;
    }

    /**
     * How long a candidate may take, counted from the moment its call is sampled (so a candidate that waited for a
     * thread times out too, and then never runs), before it is interrupted and counted as timed out; default 1 s,
     * at most {@link #MAX_TIMEOUT}.
     */
    public ExperimentBuilder<T> candidateTimeout(Duration timeout) {
        this.candidateTimeout = timeout;
        return this;
    }

    /**
     * How many candidates of this experiment may be in flight at once; past it they are skipped (counted, with
     * {@link SkipReason#CAP}). Default {@value ExperimentSpec#DEFAULT_MAX_CONCURRENT_CANDIDATES}.
     */
    public ExperimentBuilder<T> maxConcurrentCandidates(int max) {
        this.maxConcurrentCandidates = max;
        return this;
    }

    /**
     * How many runaway candidates (past their timeout, their threads still running because they ignore the
     * interrupt) the experiment tolerates before it skips its candidates (counted, with {@link SkipReason#RUNAWAYS})
     * until they end. Default 1: a candidate that never ends costs the application at most this many threads.
     */
    public ExperimentBuilder<T> maxRunaways(int max) {
        this.maxRunaways = max;
        return this;
    }

    /**
     * Runs candidates on {@code executor} instead of on a virtual thread each. For CPU-heavy candidates: a
     * virtual thread is never preempted, so a candidate that computes for long holds a carrier thread the
     * application's own virtual threads need, while platform threads are shared out by the operating system.
     * Give a bounded pool of platform threads that rejects (throws) when full rather than running the task on
     * the calling thread; a rejected candidate is skipped. Timeouts, the concurrency cap, runaway accounting and
     * the caller's context work the same on it.
     *
     * {@snippet :
     * ExecutorService heavy = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100));
     * lab.experiment("risk-model-v2", Score.class).candidateExecutor(heavy).build();
     * }
     */
    public ExperimentBuilder<T> candidateExecutor(Executor executor) {
        this.candidateExecutor = executor;
        this.candidateExecutorSetToNull = executor == null;
        return this;
    }

    /**
     * Keeps each sampled call's input on its result, for replaying a mismatch in a test: the argument of a
     * {@code wrap}ped function, or what the call gave with {@link Call#input(Object)}. Off by default, since inputs
     * may hold personal data; when on, an input is published in the same redacted, capped form as values (the
     * experiment's redact paths apply to the input's tree too). Nothing is kept, or allocated, on an unsampled call.
     */
    public ExperimentBuilder<T> captureInputs() {
        this.captureInputs = true;
        return this;
    }

    /**
     * Tells {@code handler} about every fault the experiment catches (see {@link FaultSource}): a comparator that
     * throws, a publisher that fails, and so on. Faults are counted and logged either way.
     */
    public ExperimentBuilder<T> onFault(FaultHandler handler) {
        this.faultHandler = handler;
        noteNull("onFault", handler);
        return this;
    }

    /** Decides whether two values match, instead of {@code equals} and the structural differ. */
    public ExperimentBuilder<T> comparator(BiPredicate<? super T, ? super T> comparator) {
        this.comparator = comparator;
        noteNull("comparator", comparator);
        return this;
    }

    /**
     * Values match when their trees match (as the structural differ sees them, with every path, tolerance and
     * unordered-array option), and {@code equals} is not asked: for value classes without {@code equals}, whose
     * identity {@code equals} says nothing. Excludes {@link #comparator(BiPredicate)}.
     *
     * <p>By default {@code equals} decides first, and when it says two values differ while their trees are
     * identical, the outcome is a mismatch whose note says the difference is in state the tree does not show.
     */
    public ExperimentBuilder<T> compareByTree() {
        this.compareByTree = true;
        return this;
    }

    /** Decides whether two exceptions match; default: same class and message. */
    public ExperimentBuilder<T> errorComparator(BiPredicate<? super Throwable, ? super Throwable> comparator) {
        this.errorComparator = comparator;
        return this;
    }

    /**
     * Adds a rule that turns a mismatch into {@link Outcome#IGNORED} when it returns true. Rules are
     * checked only for mismatches, in the order they were added.
     */
    public ExperimentBuilder<T> ignore(BiPredicate<? super Run<T>, ? super Run<T>> rule) {
        this.ignoreRules.add(rule);
        return this;
    }

    /**
     * Ignores differences at these RFC 6901 pointers (and under them); {@code *} is any index or key. A
     * mismatch whose differences all lie at ignored paths is {@link Outcome#IGNORED}.
     */
    public ExperimentBuilder<T> ignorePaths(String... pointers) {
        addAll("ignorePaths", ignorePaths, pointers);
        return this;
    }

    /**
     * Publishes {@code cleaner}'s output instead of each raw value: in published values, in differences and in
     * strict-mode messages. The match decision still sees the raw values; the differences are those of the cleaned
     * values, so a difference the cleaner removes is a mismatch whose note says so.
     */
    public ExperimentBuilder<T> cleaner(Function<? super T, ? extends @Nullable Object> cleaner) {
        this.cleaner = cleaner;
        noteNull("cleaner", cleaner);
        return this;
    }

    /**
     * Never publishes the values at these pointers: they are replaced by {@value PublishedValue#REDACTED}
     * in every published value and difference. The comparison still sees the real values.
     */
    public ExperimentBuilder<T> redactPaths(String... pointers) {
        addAll("redactPaths", redactPaths, pointers);
        return this;
    }

    /**
     * What the result shows about each sampled call, with the call's own context ({@link Call#with}): when both
     * have a key, the call's value wins, since it is the more specific. Runs off the caller's thread.
     */
    public ExperimentBuilder<T> context(Supplier<? extends Map<String, ?>> context) {
        this.context = context;
        noteNull("context", context);
        return this;
    }

    /** Set-up that only sampled calls pay for, run off the caller's thread before the candidates. */
    public ExperimentBuilder<T> beforeRun(Runnable beforeRun) {
        this.beforeRun = beforeRun;
        noteNull("beforeRun", beforeRun);
        return this;
    }

    /** The date past which the experiment is flagged in stats and reports, and fails in strict mode. */
    public ExperimentBuilder<T> expiresOn(LocalDate date) {
        this.expiresOn = date;
        this.expiresOnSetToNull = date == null;
        return this;
    }

    /** Strict mode for this experiment, whatever the laboratory says (see {@link MismatchException}). */
    public ExperimentBuilder<T> strict(boolean strict) {
        this.strict = strict;
        return this;
    }

    /** Numbers anywhere in the values match when within {@code tolerance}. */
    public ExperimentBuilder<T> tolerance(Tolerance tolerance) {
        this.tolerance = tolerance;
        noteNull("tolerance", tolerance);
        return this;
    }

    /** Numbers at {@code pointer} (and under it) match when within {@code tolerance}. */
    public ExperimentBuilder<T> tolerance(String pointer, Tolerance tolerance) {
        this.tolerances.put(pointer, tolerance);
        return this;
    }

    /** Arrays at these pointers are compared as unordered multisets. */
    public ExperimentBuilder<T> unorderedArrays(String... pointers) {
        addAll("unorderedArrays", unorderedPaths, pointers);
        return this;
    }

    /** Adds {@code pointers}, or notes a null array for {@link #build()} to report with the other mistakes. */
    private void addAll(String option, List<@Nullable String> to, @Nullable String @Nullable [] pointers) {
        if (pointers == null) {
            nullOptions.add(option + " must not be null");
        } else {
            to.addAll(Arrays.asList(pointers));
        }
    }

    /** At most this many differences per candidate are kept (the true count is kept too). Default 100. */
    public ExperimentBuilder<T> maxDifferences(int max) {
        this.maxDifferences = max;
        return this;
    }

    /** Each published value is cut to this many characters of JSON. Default 16 KiB. */
    public ExperimentBuilder<T> maxValueChars(int max) {
        this.maxValueChars = max;
        return this;
    }

    /** The criteria of the readiness verdict; default {@link ReadinessCriteria#defaults()}. */
    public ExperimentBuilder<T> readiness(ReadinessCriteria criteria) {
        this.readiness = criteria;
        return this;
    }

    private void noteNull(String option, @Nullable Object value) {
        if (value == null) {
            nullOptions.add(option + " must not be null");
        }
    }

    /**
     * Checks every option and creates the experiment.
     *
     * @throws IllegalArgumentException listing every mistake, each naming its option
     * @throws IllegalStateException when the experiment is past its expiry date in strict mode, or the
     *     laboratory is closed
     */
    public Experiment<T> build() {
        List<String> problems = new ArrayList<>(nullOptions);
        if (name == null || name.isEmpty()) {
            problems.add("name must not be empty");
        } else if (!NAME.matcher(name).matches()) {
            problems.add("name '" + name + "' must be 1 to 100 letters, digits, '.', '_', ':' or '-', starting"
                    + " with a letter or digit");
        }
        if (sampleRateSet && !(sampleRate >= 0 && sampleRate <= 1)) {
            problems.add("sampleRate must be in [0, 1], was " + sampleRate); // NaN too: it must never mean "every call"
        }
        if (sampleRateSet && sampler != null) {
            problems.add("set either sampleRate or sampler, not both");
        }
        if (compareByTree && comparator != null) {
            problems.add("set either comparator or compareByTree, not both");
        }
        if (candidateTimeout == null || candidateTimeout.isNegative() || candidateTimeout.isZero()) {
            problems.add("candidateTimeout must be positive, was " + candidateTimeout);
        } else if (candidateTimeout.compareTo(MAX_TIMEOUT) > 0) {
            problems.add("candidateTimeout must be at most " + MAX_TIMEOUT + " (candidates must be bounded), was "
                    + candidateTimeout);
        }
        if (maxConcurrentCandidates < 1) {
            problems.add("maxConcurrentCandidates must be at least 1, was " + maxConcurrentCandidates);
        }
        if (maxRunaways < 1) {
            problems.add("maxRunaways must be at least 1, was " + maxRunaways);
        }
        if (candidateExecutorSetToNull) {
            problems.add("candidateExecutor must not be null");
        }
        if (errorComparator == null) {
            problems.add("errorComparator must not be null");
        }
        if (ignoreRules.contains(null)) {
            problems.add("ignore: a rule is null");
        }
        if (expiresOnSetToNull) {
            problems.add("expiresOn must not be null");
        }
        if (maxDifferences < 1) {
            problems.add("maxDifferences must be at least 1, was " + maxDifferences);
        }
        if (maxValueChars < 64) {
            problems.add("maxValueChars must be at least 64, was " + maxValueChars);
        }
        if (readiness == null) {
            problems.add("readiness must not be null");
        }
        List<PathPattern> ignored = patterns("ignorePaths", ignorePaths, problems);
        List<PathPattern> redacted = patterns("redactPaths", redactPaths, problems);
        List<PathPattern> unordered = patterns("unorderedArrays", unorderedPaths, problems);
        Map<PathPattern, Tolerance> perPath = new LinkedHashMap<>();
        tolerances.forEach((pointer, t) -> {
            PathPattern pattern = pattern("tolerance", pointer, problems);
            if (t == null) {
                problems.add("tolerance: the tolerance for '" + pointer + "' is null");
            } else if (pattern != null) {
                perPath.put(pattern, t);
            }
        });
        if (!problems.isEmpty()) {
            String prefix = name == null || name.isEmpty() ? "experiment" : "experiment '" + name + "'";
            throw new IllegalArgumentException(prefix + ": " + String.join("; ", problems));
        }
        @SuppressWarnings("unchecked")
        List<BiPredicate<? super Run<T>, ? super Run<T>>> rules =
                (List<BiPredicate<? super Run<T>, ? super Run<T>>>) (List<?>) ignoreRules;
        ExperimentSpec.Builder<T> spec = ExperimentSpec.<T>builder(requireNonNull(name))
                .runIf(runIf)
                .candidateTimeout(requireNonNull(candidateTimeout))
                .maxConcurrentCandidates(maxConcurrentCandidates)
                .maxRunaways(maxRunaways)
                .candidateExecutor(candidateExecutor)
                .comparator(comparator)
                .compareByTree(compareByTree)
                .errorComparator(requireNonNull(errorComparator))
                .ignoreRules(rules)
                .ignorePaths(ignored)
                .cleaner(cleaner)
                .redactPaths(redacted)
                .context(context)
                .beforeRun(beforeRun)
                .expiresOn(expiresOn)
                .strict(strict)
                .tolerance(tolerance)
                .tolerances(perPath)
                .unorderedPaths(unordered)
                .maxDifferences(maxDifferences)
                .maxValueChars(maxValueChars)
                .readiness(requireNonNull(readiness))
                .faultHandler(faultHandler)
                .captureInputs(captureInputs);
        Sampler chosen = sampleRateSet ? Sampler.fixed(sampleRate) : sampler;
        if (chosen != null) {
            spec.sampler(chosen);
        }
        return factory.create(spec.build());
    }

    private static List<PathPattern> patterns(String option, List<@Nullable String> pointers, List<String> problems) {
        List<PathPattern> patterns = new ArrayList<>(pointers.size());
        for (String pointer : pointers) {
            PathPattern pattern = pattern(option, pointer, problems);
            if (pattern != null) {
                patterns.add(pattern);
            }
        }
        return patterns;
    }

    private static @Nullable PathPattern pattern(String option, @Nullable String pointer, List<String> problems) {
        if (pointer == null) {
            problems.add(option + ": a pointer is null");
            return null;
        }
        try {
            return PathPattern.parse(pointer);
        } catch (IllegalArgumentException e) {
            problems.add(option + ": " + e.getMessage());
            return null;
        }
    }
}
