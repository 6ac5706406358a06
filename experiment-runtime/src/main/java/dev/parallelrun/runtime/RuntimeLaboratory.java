package dev.parallelrun.runtime;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentBuilder;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.experiment.PublishingStats;
import dev.parallelrun.experiment.Sampler;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.MigrationBuilder;
import dev.parallelrun.experiment.spi.ExperimentBuilders;
import dev.parallelrun.experiment.spi.ExperimentCustomizer;
import dev.parallelrun.experiment.spi.ExperimentSpec;
import dev.parallelrun.experiment.spi.MigrationBuilders;
import dev.parallelrun.experiment.spi.MigrationSpec;
import dev.parallelrun.experiment.spi.ThrottledLog;
import dev.parallelrun.runtime.diff.Differs;
import dev.parallelrun.runtime.migration.RuntimeMigrations;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine's {@link Laboratory}: build one per application, share it, close it on shutdown.
 *
 * {@snippet :
 * Laboratory lab = RuntimeLaboratory.builder()
 *         .publisher(new MicrometerPublisher(registry))
 *         .publisher(JsonLinesPublisher.to(Path.of("mismatches")))
 *         .build();
 *
 * Experiment<Price> pricing = lab.experiment("pricing-v2", Price.class)
 *         .sampleRate(0.05)
 *         .candidateTimeout(Duration.ofMillis(250))
 *         .build();
 * }
 *
 * <p>It owns two platform threads: the dispatcher, which starts candidates (on virtual threads of their own, or an
 * experiment's executor) and times them out, and the publishing thread, which hands every result to the publishers
 * through a bounded queue. Callers never start or wake either: they hand a sampled call over through a queue.
 *
 * <p><b>What a candidate may cost the application.</b> Virtual threads are never preempted, so a candidate that
 * computes without blocking keeps its carrier thread. Candidates on virtual threads therefore run inside a carrier
 * budget ({@link Builder#candidateCarriers(int)}, by default one less than the processors, at least one): the rest
 * of the carriers stay free for the application's own virtual threads. A candidate still running past its timeout
 * (it ignores the interrupt) is a runaway: at {@link Builder#maxRunaways(int)} runaways in the laboratory (by
 * default a quarter of the processors, at least one), and at an experiment's own bound, candidates are skipped
 * (counted, with the reason) until runaways end. A candidate that never ends costs at most that many threads.
 */
public final class RuntimeLaboratory implements Laboratory {

    /** The system property that turns strict mode on for every laboratory built while it is {@code true}. */
    public static final String STRICT_PROPERTY = "parallelrun.strict";

    /** How many sampled calls may wait for the dispatcher; past it their candidates are skipped (BACKLOG). */
    static final int HANDOFF_CAPACITY = 16_384;

    private final List<Publisher> publishers;
    private final PublishingPipeline publishing;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final ContextSnapshotFactory contextSnapshots;
    private final @Nullable ContextRegistry contextRegistry;
    private final @Nullable BooleanSupplier killSwitch;
    private final boolean strict;
    private final Duration closeTimeout;
    private final @Nullable ExperimentCustomizer customizer;
    private final Map<String, RuntimeExperiment<?>> byName = new ConcurrentHashMap<>();
    private final LongAdder inFlight = new LongAdder();
    private final List<Experiment<?>> experiments = new CopyOnWriteArrayList<>();
    private final Map<String, Migration<?>> migrationsByName = new ConcurrentHashMap<>();
    private final List<Migration<?>> migrations = new CopyOnWriteArrayList<>();
    private volatile boolean paused;
    private volatile boolean closed;
    // paused || closed, kept in one field so the unsampled path reads one volatile
    private volatile boolean stopped;

    private RuntimeLaboratory(Builder builder) {
        this.publishers = List.copyOf(builder.publishers);
        this.publishing = new PublishingPipeline(publishers, builder.queueCapacity);
        this.clock = requireNonNull(builder.clock, "clock"); // build() refused a null one
        this.mapper = builder.mapper != null ? builder.mapper : Differs.defaultMapper();
        this.contextRegistry = builder.contextSnapshots != null ? null : ContextRegistry.getInstance();
        this.contextSnapshots = builder.contextSnapshots != null
                ? builder.contextSnapshots
                : ContextSnapshotFactory.builder()
                        .contextRegistry(ContextRegistry.getInstance())
                        .build();
        this.dispatcher = new Dispatcher(HANDOFF_CAPACITY, builder.candidateCarriers, builder.maxRunaways);
        this.killSwitch = builder.killSwitch;
        this.strict = builder.strict || Boolean.getBoolean(STRICT_PROPERTY);
        this.closeTimeout = requireNonNull(builder.closeTimeout, "closeTimeout"); // likewise
        this.customizer = builder.customizer;
    }

    /** Starts a laboratory's options. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public <T extends @Nullable Object> ExperimentBuilder<T> experiment(String name, Class<T> type) {
        requireNonNull(type, "type");
        return ExperimentBuilders.create(name, this::register);
    }

    @Override
    public <T extends @Nullable Object> ExperimentBuilder<T> experiment(String name) {
        return ExperimentBuilders.create(name, this::register);
    }

    private synchronized <T extends @Nullable Object> Experiment<T> register(ExperimentSpec<T> checked) {
        ExperimentSpec<T> spec = customized(checked);
        if (closed) {
            throw new IllegalStateException("experiment '" + spec.name() + "': the laboratory is closed");
        }
        if (byName.containsKey(spec.name())) {
            throw new IllegalArgumentException(
                    "experiment '" + spec.name() + "': name already used in this laboratory");
        }
        boolean strictHere = spec.strict() != null ? spec.strict() : strict;
        RuntimeExperiment<T> experiment =
                new RuntimeExperiment<>(this, spec, Differs.forExperiment(spec, mapper), strictHere);
        if (experiment.expiredAt(clock.instant()) && strictHere) {
            throw new IllegalStateException(experiment.expiredMessage());
        }
        if (spec.samplesEveryCall() && !strictHere) {
            FaultLog.LOG.log(
                    Level.INFO,
                    "experiment '" + spec.name() + "' has no sampleRate or sampler: it samples" + " every call");
        }
        byName.put(spec.name(), experiment);
        experiments.add(experiment);
        return experiment;
    }

    /** The options after the customizer, checked again; the application's own when there is none. */
    private <T extends @Nullable Object> ExperimentSpec<T> customized(ExperimentSpec<T> checked) {
        ExperimentCustomizer change = customizer;
        if (change == null) {
            return checked;
        }
        ExperimentSpec.Builder<T> options = checked.toBuilder();
        change.customize(checked.name(), options);
        ExperimentSpec<T> spec = options.build();
        List<String> problems = new ArrayList<>();
        if (spec.candidateTimeout().isNegative()
                || spec.candidateTimeout().isZero()
                || spec.candidateTimeout().compareTo(ExperimentBuilder.MAX_TIMEOUT) > 0) {
            problems.add("candidateTimeout must be positive and at most " + ExperimentBuilder.MAX_TIMEOUT + ", was "
                    + spec.candidateTimeout());
        }
        if (spec.maxConcurrentCandidates() < 1) {
            problems.add("maxConcurrentCandidates must be at least 1, was " + spec.maxConcurrentCandidates());
        }
        if (spec.maxRunaways() < 1) {
            problems.add("maxRunaways must be at least 1, was " + spec.maxRunaways());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "experiment '" + spec.name() + "' as customized: " + String.join("; ", problems));
        }
        return spec;
    }

    @Override
    public <R extends @Nullable Object> MigrationBuilder<R> migration(String name, Class<R> readType) {
        requireNonNull(readType, "readType");
        return MigrationBuilders.create(name, this::registerMigration);
    }

    @Override
    public <R extends @Nullable Object> MigrationBuilder<R> migration(String name) {
        return MigrationBuilders.create(name, this::registerMigration);
    }

    private synchronized <R extends @Nullable Object> Migration<R> registerMigration(MigrationSpec<R> spec) {
        if (closed) {
            throw new IllegalStateException("migration '" + spec.name() + "': the laboratory is closed");
        }
        if (migrationsByName.containsKey(spec.name())) {
            throw new IllegalArgumentException("migration '" + spec.name() + "': name already used in this laboratory");
        }
        Migration<R> migration = RuntimeMigrations.start(this, spec, clock, publishing::offerEvent);
        migrationsByName.put(spec.name(), migration);
        migrations.add(migration);
        return migration;
    }

    @Override
    public List<Migration<?>> migrations() {
        return List.copyOf(migrations);
    }

    /**
     * Samples the experiment named {@code experiment} with {@code sampler} from now on (an operator changing a rate
     * at run time); {@code null} goes back to the sampler it was built with.
     *
     * @return false when this laboratory has no experiment of that name
     */
    public boolean overrideSampler(String experiment, @Nullable Sampler sampler) {
        RuntimeExperiment<?> found = byName.get(requireNonNull(experiment, "experiment"));
        if (found == null) {
            return false;
        }
        found.overrideSampler(sampler);
        return true;
    }

    @Override
    public synchronized void pause() {
        paused = true;
        setStopped(true);
    }

    @Override
    public synchronized void resume() {
        paused = false;
        setStopped(closed);
    }

    private void setStopped(boolean value) {
        stopped = value;
        for (RuntimeExperiment<?> experiment : byName.values()) {
            experiment.laboratoryStopped(value);
        }
    }

    @Override
    public boolean paused() {
        return paused || killed(null);
    }

    /** True while paused by {@link #pause()} (the kill switch and close aside). */
    boolean pausedFlag() {
        return paused;
    }

    /** True while paused or closed (the kill switch aside). */
    boolean stopped() {
        return stopped;
    }

    /** What the kill switch says; one that throws means "stop", counted in {@code faults} when given. */
    boolean killed(@Nullable FaultLog faults) {
        BooleanSupplier kill = killSwitch;
        if (kill == null) {
            return false;
        }
        try {
            return kill.getAsBoolean();
        } catch (Throwable fault) {
            if (faults != null) {
                faults.record(FaultSource.KILL_SWITCH, fault);
            }
            return true;
        }
    }

    @Override
    public List<Experiment<?>> experiments() {
        return List.copyOf(experiments);
    }

    @Override
    public PublishingStats publishingStats() {
        return publishing.stats();
    }

    /** True when this laboratory runs every experiment in strict mode. */
    public boolean strict() {
        return strict;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            setStopped(true);
        }
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        // let sampled calls in flight finish (their candidates are bounded by their timeouts) for half the budget
        long patience = System.nanoTime() + closeTimeout.toNanos() / 2;
        while (inFlight.sum() > 0 && System.nanoTime() - patience < 0) {
            LockSupport.parkNanos(1_000_000);
        }
        // then give up on candidates still running: they time out now, so what they owe is accounted for
        dispatcher.close();
        dispatcher.awaitStopped(patience + closeTimeout.toNanos() / 4);
        while (inFlight.sum() > 0 && System.nanoTime() - (patience + closeTimeout.toNanos() / 4) < 0) {
            LockSupport.parkNanos(1_000_000);
        }
        publishing.close(deadline);
        int left = dispatcher.runaways();
        if (left > 0) {
            FaultLog.LOG.log(
                    Level.WARNING,
                    "parallel-run laboratory closed with " + left + " runaway candidate(s) still"
                            + " running: their threads ignore interrupts and end only when their code returns");
        }
    }

    @Override
    public boolean closed() {
        return closed;
    }

    /** The caller's thread-locals, or {@code null} when none is registered (nothing to carry). Caller's thread. */
    @Nullable
    ContextSnapshot captureThreadLocals(FaultLog faults) {
        try {
            ContextRegistry registry = contextRegistry;
            if (registry != null && registry.getThreadLocalAccessors().isEmpty()) {
                return null;
            }
            return contextSnapshots.captureAll();
        } catch (Throwable fault) {
            faults.record(FaultSource.CONTEXT, fault);
            return null;
        }
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    /** Runaway virtual-thread candidates of the whole laboratory, now. */
    public int runaways() {
        return dispatcher.runaways();
    }

    /** Candidates of any experiment that became runaways since the laboratory was built. */
    public long runawaysTotal() {
        return dispatcher.runawaysTotal();
    }

    /** A sampled call started: close() waits for it. */
    void callStarted() {
        inFlight.increment();
    }

    /** A sampled call was handed to the publishing pipeline (or dropped). */
    void callHandedOn() {
        inFlight.decrement();
    }

    /** Sampled calls not yet handed on to the publishing pipeline. */
    long callsInFlight() {
        return inFlight.sum();
    }

    PublishingPipeline publishing() {
        return publishing;
    }

    Clock clock() {
        return clock;
    }

    Duration closeTimeout() {
        return closeTimeout;
    }

    @Override
    public String toString() {
        return "RuntimeLaboratory" + byName.keySet();
    }

    /** The options of a {@link RuntimeLaboratory}; every mistake is reported by {@link #build()}. */
    public static final class Builder {
        private final List<@Nullable Publisher> publishers = new ArrayList<>();
        private int queueCapacity = 10_000;
        private @Nullable Duration closeTimeout = Duration.ofSeconds(5);
        private @Nullable BooleanSupplier killSwitch;
        private boolean strict;
        private @Nullable ObjectMapper mapper;
        private @Nullable Clock clock = Clock.system(ZoneId.systemDefault()); // expiry dates: the local calendar's
        private @Nullable ContextSnapshotFactory contextSnapshots;
        private int candidateCarriers = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        private int maxRunaways = Math.max(1, Runtime.getRuntime().availableProcessors() / 4);
        private @Nullable ExperimentCustomizer customizer;

        private Builder() {}

        /** Adds a publisher; each result goes to every publisher, in the order they were added. */
        public Builder publisher(Publisher publisher) {
            publishers.add(publisher);
            return this;
        }

        /** How many results may wait for the publishing thread; past it they are dropped and counted. Default 10,000. */
        public Builder queueCapacity(int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        /** How long {@link #close()} may take to drain the queue before it drops the rest. Default 5 s. */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = timeout;
            return this;
        }

        /**
         * A kill switch read on every call: while it returns true, no call of any experiment is sampled (a
         * switch that throws counts as "stop").
         */
        public Builder killSwitch(BooleanSupplier stop) {
            this.killSwitch = requireNonNull(stop, "killSwitch");
            return this;
        }

        /**
         * Strict mode for every experiment (for tests): every call is sampled, the caller waits for the
         * result to be published, and anything but a match or an ignored difference throws a
         * {@link dev.parallelrun.experiment.MismatchException}. Also on when the system property
         * {@value #STRICT_PROPERTY} is {@code true} at {@link #build()}.
         */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** The mapper that turns values into trees for the differ; default: jdk8 and jsr310 modules, ISO dates. */
        public Builder objectMapper(ObjectMapper mapper) {
            this.mapper = requireNonNull(mapper, "objectMapper");
            return this;
        }

        /** The clock of expiry dates and result timestamps; default the system clock in the default zone. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Which thread-locals are carried into candidate threads; default every accessor registered in
         * {@code ContextRegistry.getInstance()}. The OpenTelemetry context is always carried.
         */
        public Builder contextSnapshotFactory(ContextSnapshotFactory factory) {
            this.contextSnapshots = requireNonNull(factory, "contextSnapshotFactory");
            return this;
        }

        /**
         * Changes each experiment's options as it is built, after the application's code set them: how
         * configuration (properties, flags) wins over code defaults. See {@link ExperimentCustomizer}.
         */
        public Builder customizer(ExperimentCustomizer customizer) {
            this.customizer = requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * How many candidates on virtual threads may be runnable at once, across every experiment: the carrier
         * threads they may take from the application's own virtual threads. A new candidate waits (within its
         * deadline) while that many are running or waiting for a carrier; candidates blocked in I/O do not count.
         * Default: one less than the available processors, at least one.
         */
        public Builder candidateCarriers(int carriers) {
            this.candidateCarriers = carriers;
            return this;
        }

        /**
         * How many runaway candidates on virtual threads (past their timeout, still running) the laboratory
         * tolerates before every experiment skips its candidates until they end. Default: a quarter of the
         * available processors, at least one.
         */
        public Builder maxRunaways(int max) {
            this.maxRunaways = max;
            return this;
        }

        /**
         * Checks the options and starts the laboratory's threads.
         *
         * @throws IllegalArgumentException naming every option that is wrong
         */
        public RuntimeLaboratory build() {
            List<String> problems = new ArrayList<>();
            if (publishers.contains(null)) {
                problems.add("publisher must not be null");
            }
            if (queueCapacity < 1) {
                problems.add("queueCapacity must be at least 1, was " + queueCapacity);
            }
            if (closeTimeout == null || closeTimeout.isNegative()) {
                problems.add("closeTimeout must be zero or positive, was " + closeTimeout);
            } else if (closeTimeout.compareTo(Duration.ofDays(1)) > 0) {
                problems.add("closeTimeout must be at most PT24H, was " + closeTimeout);
            }
            if (clock == null) {
                problems.add("clock must not be null");
            }
            if (candidateCarriers < 1) {
                problems.add("candidateCarriers must be at least 1, was " + candidateCarriers);
            }
            if (maxRunaways < 1) {
                problems.add("maxRunaways must be at least 1, was " + maxRunaways);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("laboratory: " + String.join("; ", problems));
            }
            RuntimeLaboratory laboratory = new RuntimeLaboratory(this);
            for (Publisher publisher : laboratory.publishers) {
                try {
                    publisher.attach(laboratory);
                } catch (Throwable fault) {
                    FaultLog.LOG.log(
                            Level.WARNING,
                            "publisher " + publisher + " failed to attach; it still gets results: "
                                    + ThrottledLog.oneLine(fault));
                }
            }
            laboratory.dispatcher.start();
            laboratory.publishing.start();
            return laboratory;
        }
    }
}
