package dev.parallelrun.runtime;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallelrun.experiment.Callback;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentBuilder;
import dev.parallelrun.experiment.ExperimentSpec;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.experiment.PublishingStats;
import dev.parallelrun.runtime.diff.Differs;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
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
 * <p>It owns two threads: the publishing thread, which compares what the candidate threads did not and
 * hands every result to the publishers through a bounded queue, and a watchdog that interrupts candidates
 * past their timeout. Candidates run on virtual threads of their own.
 */
public final class RuntimeLaboratory implements Laboratory {

    /** The system property that turns strict mode on for every laboratory built while it is {@code true}. */
    public static final String STRICT_PROPERTY = "parallelrun.strict";

    private final List<Publisher> publishers;
    private final PublishingPipeline publishing;
    private final Watchdog watchdog = new Watchdog();
    private final Clock clock;
    private final ObjectMapper mapper;
    private final ContextSnapshotFactory contextSnapshots;
    private final @Nullable BooleanSupplier killSwitch;
    private final boolean strict;
    private final Duration closeTimeout;
    private final Map<String, RuntimeExperiment<?>> byName = new ConcurrentHashMap<>();
    private final LongAdder inFlight = new LongAdder();
    private final List<Experiment<?>> experiments = new CopyOnWriteArrayList<>();
    private volatile boolean paused;
    private volatile boolean closed;
    // paused || closed, kept in one field so the unsampled path reads one volatile
    private volatile boolean stopped;

    private RuntimeLaboratory(Builder builder) {
        this.publishers = List.copyOf(builder.publishers);
        this.publishing = new PublishingPipeline(publishers, builder.queueCapacity);
        this.clock = builder.clock;
        this.mapper = builder.mapper != null ? builder.mapper : Differs.defaultMapper();
        this.contextSnapshots = builder.contextSnapshots != null ? builder.contextSnapshots
                : ContextSnapshotFactory.builder().build();
        this.killSwitch = builder.killSwitch;
        this.strict = builder.strict || Boolean.getBoolean(STRICT_PROPERTY);
        this.closeTimeout = builder.closeTimeout;
    }

    /** Starts a laboratory's options. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public <T extends @Nullable Object> ExperimentBuilder<T> experiment(String name, Class<T> type) {
        requireNonNull(type, "type");
        return new ExperimentBuilder<>(name, new Factory());
    }

    @Override
    public <T extends @Nullable Object> ExperimentBuilder<T> experiment(String name) {
        return new ExperimentBuilder<>(name, new Factory());
    }

    /** Makes experiments from checked options; refuses a name already used here. */
    private final class Factory implements ExperimentBuilder.Factory {
        @Override
        public <T extends @Nullable Object> Experiment<T> create(ExperimentSpec<T> spec) {
            return register(spec);
        }
    }

    private synchronized <T extends @Nullable Object> Experiment<T> register(ExperimentSpec<T> spec) {
        if (closed) {
            throw new IllegalStateException("experiment '" + spec.name() + "': the laboratory is closed");
        }
        if (byName.containsKey(spec.name())) {
            throw new IllegalArgumentException("experiment '" + spec.name() + "': name already used in this laboratory");
        }
        boolean strictHere = spec.strict() != null ? spec.strict() : strict;
        RuntimeExperiment<T> experiment =
                new RuntimeExperiment<>(this, spec, Differs.forExperiment(spec, mapper), strictHere);
        if (experiment.expiredAt(clock.instant()) && strictHere) {
            throw new IllegalStateException(experiment.expiredMessage());
        }
        if (spec.samplesEveryCall() && !strictHere) {
            FaultLog.LOG.log(Level.INFO, "experiment '" + spec.name() + "' has no sampleRate or sampler: it samples"
                    + " every call");
        }
        byName.put(spec.name(), experiment);
        experiments.add(experiment);
        return experiment;
    }

    @Override
    public synchronized void pause() {
        paused = true;
        stopped = true;
    }

    @Override
    public synchronized void resume() {
        paused = false;
        stopped = closed;
    }

    @Override
    public boolean paused() {
        return paused || killed(null);
    }

    /** True when no call may be sampled now: closed, paused, or the kill switch says so (or throws). */
    boolean samplingOff(FaultLog faults) {
        return stopped || killed(faults);
    }

    /** What the kill switch says; one that throws means "stop", counted in {@code faults} when given. */
    private boolean killed(@Nullable FaultLog faults) {
        BooleanSupplier kill = killSwitch;
        if (kill == null) {
            return false;
        }
        try {
            return kill.getAsBoolean();
        } catch (Throwable fault) {
            if (faults != null) {
                faults.record(Callback.KILL_SWITCH, fault);
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
            stopped = true;
        }
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        // let sampled calls in flight finish (their candidates are bounded by their timeouts) for half the budget
        long patience = System.nanoTime() + closeTimeout.toNanos() / 2;
        while (inFlight.sum() > 0 && System.nanoTime() - patience < 0) {
            LockSupport.parkNanos(1_000_000);
        }
        // then give up on candidates still running: their timeouts fire now, so what they owe is accounted for
        watchdog.stop();
        publishing.close(deadline);
    }

    @Override
    public boolean closed() {
        return closed;
    }

    @Nullable ContextSnapshot captureContext(FaultLog faults) {
        try {
            return contextSnapshots.captureAll();
        } catch (Throwable fault) {
            faults.record(Callback.CONTEXT, fault);
            return null;
        }
    }

    /** Runs {@code task} once {@code nanos} have passed (a candidate's timeout), or at once on close. */
    Watchdog.Deadline scheduleTimeout(Runnable task, long nanos) {
        return watchdog.schedule(task, nanos);
    }

    /** A sampled call started: close() waits for it. */
    void callStarted() {
        inFlight.increment();
    }

    /** A sampled call was handed to the publishing pipeline (or dropped). */
    void callHandedOn() {
        inFlight.decrement();
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
        private @Nullable Clock clock = Clock.systemDefaultZone();
        private @Nullable ContextSnapshotFactory contextSnapshots;

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
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("laboratory: " + String.join("; ", problems));
            }
            RuntimeLaboratory laboratory = new RuntimeLaboratory(this);
            for (Publisher publisher : laboratory.publishers) {
                try {
                    publisher.attach(laboratory);
                } catch (Throwable fault) {
                    FaultLog.LOG.log(Level.WARNING, "publisher " + publisher + " failed to attach; it still gets results",
                            fault);
                }
            }
            laboratory.watchdog.start();
            laboratory.publishing.start();
            return laboratory;
        }
    }
}
