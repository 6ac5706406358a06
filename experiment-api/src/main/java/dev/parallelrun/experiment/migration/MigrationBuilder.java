package dev.parallelrun.experiment.migration;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.ExperimentBuilder;
import dev.parallelrun.experiment.spi.MigrationBuilders;
import dev.parallelrun.experiment.spi.MigrationFactory;
import dev.parallelrun.experiment.spi.MigrationSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Options of one migration, from {@link dev.parallelrun.experiment.Laboratory#migration(String, Class)}. Every
 * mistake is reported by {@link #build()}, all at once, with a message that names the option.
 *
 * {@snippet :
 * Migration<Customer> customers = lab.migration("customer-store", Customer.class)
 *         .stage(flags::customerStoreStage)                        // read on every call
 *         .reads(options -> options
 *                 .sampleRate(0.05)                                // 5% of reads compared in SHADOW and LIVE
 *                 .candidateTimeout(Duration.ofMillis(200))
 *                 .ignorePaths("/updatedAt")
 *                 .expiresOn(LocalDate.parse("2027-03-01")))
 *         .readTimeout(Duration.ofMillis(300))                     // LIVE, RAMP_DOWN: then the old side answers
 *         .rollback(RollbackPolicy.defaults())                     // 1% errors, 2x p99, 1% failed writes
 *         .minShadowDuration(Duration.ofDays(7))
 *         .build();
 * }
 *
 * @param <R> what the migration's reads return
 */
public final class MigrationBuilder<R extends @Nullable Object> {

    /** The longest read timeout, as for candidates: {@link ExperimentBuilder#MAX_TIMEOUT}. */
    public static final Duration MAX_READ_TIMEOUT = ExperimentBuilder.MAX_TIMEOUT;

    static {
        // the one way for a laboratory to make builders (the constructor is not public): see MigrationBuilders
        MigrationBuilders.install(new MigrationBuilders.Maker() {
            @Override
            public <U extends @Nullable Object> MigrationBuilder<U> make(
                    @Nullable String name, MigrationFactory factory) {
                return new MigrationBuilder<>(name, factory);
            }
        });
    }

    // the read experiments are named after the migration with ":shadow" and ":live" (experiment names allow 100)
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,92}");

    private final @Nullable String name;
    private final MigrationFactory factory;
    private @Nullable Supplier<Stage> stageSource;
    private @Nullable Consumer<? super ExperimentBuilder<R>> readOptions;
    private @Nullable Duration readTimeout;
    private boolean readTimeoutSet;
    private boolean fallback = true;
    private @Nullable RollbackPolicy rollback = RollbackPolicy.defaults();
    private @Nullable Duration minShadowDuration = MigrationSpec.DEFAULT_MIN_SHADOW_DURATION;
    private @Nullable Executor otherWriteExecutor;
    private boolean otherWriteExecutorSetToNull;
    private @Nullable Clock clock;
    private boolean clockSetToNull;
    private final List<String> nullOptions = new ArrayList<>();

    private MigrationBuilder(@Nullable String name, MigrationFactory factory) {
        this.name = name;
        this.factory = requireNonNull(factory, "factory");
    }

    /**
     * Where the stage comes from: read once per call, on the caller's thread, so keep it cheap (a feature flag's
     * in-memory value). One that throws or returns {@code null} keeps the last stage it gave, {@link Stage#OFF}
     * before any, and is counted in {@link MigrationStats#stageSourceFaults()}. Required.
     */
    public MigrationBuilder<R> stage(Supplier<Stage> source) {
        this.stageSource = source;
        noteNull("stage", source);
        return this;
    }

    /**
     * The experiment options of the migration's reads, applied to each of its two read experiments: SHADOW's
     * (control: old, candidate: new) and LIVE's (control: new, candidate: old). Sampling, candidate timeout (of the
     * compared side), comparator, ignore and redact paths, expiry and readiness criteria all apply as for any
     * experiment; {@code options} is called once per experiment, so it must only set options. Without a sample rate,
     * every read is compared.
     */
    public MigrationBuilder<R> reads(Consumer<? super ExperimentBuilder<R>> options) {
        this.readOptions = options;
        noteNull("reads", options);
        return this;
    }

    /**
     * How long a new-side read may take while the new side serves with a fallback (LIVE and RAMP_DOWN); past it the
     * old side answers and the read counts as a new-side error. Off by default: a timeout needs the new read off the
     * caller's thread (a virtual thread of its own per read, and thread-bound state such as a transaction or the
     * logging context does not follow it). At most {@link #MAX_READ_TIMEOUT}.
     */
    public MigrationBuilder<R> readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        this.readTimeoutSet = true;
        return this;
    }

    /**
     * Whether a failed new-side read (it threw, or passed the read timeout) is answered by the old side in LIVE and
     * RAMP_DOWN, where the old side is still written. On by default; off, the caller gets the new side's exception.
     */
    public MigrationBuilder<R> fallback(boolean fallback) {
        this.fallback = fallback;
        return this;
    }

    /** When the migration rolls back by itself; default {@link RollbackPolicy#defaults()}. */
    public MigrationBuilder<R> rollback(RollbackPolicy policy) {
        this.rollback = policy;
        noteNull("rollback", policy);
        return this;
    }

    /**
     * How long a SHADOW period must last before {@link Migration#readiness()} can say ready: a business cycle, so
     * that weekly jobs and weekend traffic were compared too. Default 7 days; zero to judge on the comparisons alone.
     */
    public MigrationBuilder<R> minShadowDuration(Duration duration) {
        this.minShadowDuration = duration;
        return this;
    }

    /**
     * Runs the other write (the one after the authoritative write) on {@code executor} instead of on the caller's
     * thread, so the caller does not wait for it. Two writes of one key may then reach the other side in another
     * order than they were made, and a read right after a write may not find it there yet: give a single-threaded
     * executor per key shard if order matters. A rejected task is a failed write (counted, kept, published).
     */
    public MigrationBuilder<R> otherWriteExecutor(Executor executor) {
        this.otherWriteExecutor = executor;
        this.otherWriteExecutorSetToNull = executor == null;
        return this;
    }

    /**
     * The clock of the migration's timeline, rollback windows and SHADOW duration, and (only when set here) of the
     * latencies its rollback compares, so a test can make a read take exactly 20 ms. Default: the laboratory's clock
     * for times, {@code System.nanoTime()} for durations.
     */
    public MigrationBuilder<R> clock(Clock clock) {
        this.clock = clock;
        this.clockSetToNull = clock == null;
        return this;
    }

    private void noteNull(String option, @Nullable Object value) {
        if (value == null) {
            nullOptions.add(option + " must not be null");
        }
    }

    /**
     * Checks every option and creates the migration with its two read experiments.
     *
     * @throws IllegalArgumentException listing every mistake, each naming its option, or naming the read experiment
     *     whose options are wrong
     * @throws IllegalStateException when the laboratory is closed
     */
    public Migration<R> build() {
        List<String> problems = new ArrayList<>(nullOptions);
        if (name == null || name.isEmpty()) {
            problems.add("name must not be empty");
        } else if (!NAME.matcher(name).matches()) {
            problems.add("name '" + name + "' must be 1 to 93 letters, digits, '.', '_' or '-', starting with a letter"
                    + " or digit");
        }
        if (stageSource == null && !nullOptions.contains("stage must not be null")) {
            problems.add("stage must be set: the migration reads its stage from it on every call");
        }
        if (readTimeoutSet) {
            if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
                problems.add("readTimeout must be positive, was " + readTimeout);
            } else if (readTimeout.compareTo(MAX_READ_TIMEOUT) > 0) {
                problems.add("readTimeout must be at most " + MAX_READ_TIMEOUT + ", was " + readTimeout);
            }
        }
        if (minShadowDuration == null || minShadowDuration.isNegative()) {
            problems.add("minShadowDuration must be zero or positive, was " + minShadowDuration);
        }
        if (otherWriteExecutorSetToNull) {
            problems.add("otherWriteExecutor must not be null");
        }
        if (clockSetToNull) {
            problems.add("clock must not be null");
        }
        if (!problems.isEmpty()) {
            String prefix = name == null || name.isEmpty() ? "migration" : "migration '" + name + "'";
            throw new IllegalArgumentException(prefix + ": " + String.join("; ", problems));
        }
        MigrationSpec.Builder<R> spec = MigrationSpec.<R>builder(requireNonNull(name), requireNonNull(stageSource))
                .readTimeout(readTimeout)
                .fallback(fallback)
                .rollback(requireNonNull(rollback))
                .minShadowDuration(requireNonNull(minShadowDuration))
                .otherWriteExecutor(otherWriteExecutor)
                .clock(clock);
        Consumer<? super ExperimentBuilder<R>> options = readOptions;
        if (options != null) {
            spec.readOptions(options);
        }
        return factory.create(spec.build());
    }
}
