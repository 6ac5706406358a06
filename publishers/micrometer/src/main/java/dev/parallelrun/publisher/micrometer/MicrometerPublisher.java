package dev.parallelrun.publisher.micrometer;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Run;
import dev.parallelrun.experiment.SkipReason;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.experiment.migration.WriteFailure;
import dev.parallelrun.experiment.spi.ThrottledLog;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Publishes experiment results as Micrometer meters in the registry the application already runs.
 *
 * <p>What a user may rely on:
 * <ul>
 *   <li>{@value #RUNS} counter, tags {@code experiment}, {@code candidate}, {@code outcome} (an
 *       {@link dev.parallelrun.experiment.Outcome} name, e.g. {@code MISMATCH}): one increment per candidate
 *       of every result. All six outcome counters of a candidate exist from its first result on, at zero, so
 *       a rate query never lacks a series.
 *   <li>{@value #SKIPS} counter, tags {@code experiment}, {@code candidate}, {@code reason} (a
 *       {@link SkipReason} name, e.g. {@code CAP}): one increment per skipped candidate, beside its
 *       {@code outcome=SKIPPED} run. All seven reason counters of a candidate exist from its first result on.
 *   <li>{@value #DURATION} timer, tags {@code experiment}, {@code behavior} ({@code control} or the
 *       candidate's name): the wall-clock durations of completed runs, from the behavior's own start. A
 *       candidate that timed out, or never started, is not recorded (its time is the timeout, not its own); it is
 *       counted under {@code outcome=TIMED_OUT}. A run that threw is recorded.
 *   <li>{@value #START_DELAY} timer, tags {@code experiment}, {@code candidate}: {@link Run#startDelay()} of every
 *       candidate run there is (all outcomes but {@code SKIPPED}), how long it waited from the sampling of its
 *       call to the start of its behavior; for a candidate that never started, how long it waited before it was
 *       given up on.
 *   <li>Percentile histograms on both timers only when {@link Builder#percentileHistograms(boolean)} asks for
 *       them.
 *   <li>From {@link #attach(Laboratory)}, read from {@link Laboratory#publishingStats()} at each scrape:
 *       gauges {@value #QUEUED} and {@value #CAPACITY}, function counters {@value #PUBLISHED},
 *       {@value #DROPPED} and {@value #PUBLISHER_FAILURES}; all without tags.
 *   <li>{@value #FAULTS} function counter per experiment and fault source, tags {@code experiment},
 *       {@code source} (a {@link FaultSource} name, {@code ENGINE} included): faults the experiment caught.
 *       {@value #RUNAWAYS} gauge per experiment, tag {@code experiment}: candidates past their timeout whose
 *       threads still run ({@link dev.parallelrun.experiment.ExperimentStats#runaways()}). Both read one
 *       {@code stats()} snapshot per experiment, at most a second old. Registered for every experiment the
 *       laboratory has built by the time it first publishes a result of an experiment this publisher has not
 *       seen yet.
 *   <li>Per migration, from its first record on (the {@code STARTED} entry published when it is built): gauge
 *       {@value #MIGRATION_STAGE}, tag {@code migration}, the stage in effect as its ordinal (0 {@code OFF},
 *       1 {@code DUAL_WRITE}, 2 {@code SHADOW}, 3 {@code LIVE}, 4 {@code RAMP_DOWN}, 5 {@code COMPLETE}); gauge
 *       {@value #MIGRATION_ROLLBACK_PENDING}, tag {@code migration}, 1 while an automatic rollback awaits
 *       acknowledgement; counter {@value #MIGRATION_ROLLBACKS}, tags {@code migration}, {@code criterion} (a
 *       {@link dev.parallelrun.experiment.migration.RollbackPolicy.Criterion} name), one increment per automatic
 *       rollback; counter {@value #MIGRATION_WRITE_FAILURES}, tags {@code migration}, {@code side} ({@code OLD} or
 *       {@code NEW}), one increment per failed write of the other side. Every criterion and side counter exists at
 *       zero from the first record. The gauges read the laboratory's migration at scrape time.
 *   <li>Every meter of a name has the same tag keys. No tag ever holds a value, a diff path or a call key.
 *   <li>{@link #publish(Result)} never throws; a failure of the registry is logged at most once a minute.
 *   <li>{@link #close()} removes the meters that read the laboratory (gauges, function counters) so a new
 *       laboratory can register its own; counters and timers stay in the registry.
 * </ul>
 *
 * {@snippet :
 * Laboratory lab = RuntimeLaboratory.builder()
 *         .publisher(new MicrometerPublisher(registry))
 *         .build();
 * }
 */
public final class MicrometerPublisher implements Publisher {

    /** Counter of candidate results, per experiment, candidate and outcome. */
    public static final String RUNS = "parallelrun.experiment.runs";
    /** Counter of skipped candidate runs, per experiment, candidate and skip reason. */
    public static final String SKIPS = "parallelrun.experiment.skips";
    /** Timer of completed runs, per experiment and behavior. */
    public static final String DURATION = "parallelrun.experiment.duration";
    /** Timer of how long candidate runs waited to start, per experiment and candidate. */
    public static final String START_DELAY = "parallelrun.experiment.start.delay";
    /** Function counter: faults an experiment caught, per experiment and fault source. */
    public static final String FAULTS = "parallelrun.experiment.faults";
    /** Gauge: runaway candidates of an experiment now, per experiment. */
    public static final String RUNAWAYS = "parallelrun.experiment.runaways";
    /** Gauge: results waiting in the laboratory's publishing queue. */
    public static final String QUEUED = "parallelrun.publishing.queued";
    /** Gauge: how many results the publishing queue holds. */
    public static final String CAPACITY = "parallelrun.publishing.capacity";
    /** Function counter: results handed to the publishers. */
    public static final String PUBLISHED = "parallelrun.publishing.published";
    /** Function counter: results dropped because the queue was full or the laboratory was closing. */
    public static final String DROPPED = "parallelrun.publishing.dropped";
    /** Function counter: calls to a publisher that threw. */
    public static final String PUBLISHER_FAILURES = "parallelrun.publishing.failures";
    /**
     * Gauge: a migration's stage in effect, as {@link Stage#ordinal()}: 0 {@code OFF}, 1 {@code DUAL_WRITE},
     * 2 {@code SHADOW}, 3 {@code LIVE}, 4 {@code RAMP_DOWN}, 5 {@code COMPLETE}; per migration.
     */
    public static final String MIGRATION_STAGE = "parallelrun.migration.stage";
    /** Gauge: 1 while an automatic rollback of a migration awaits acknowledgement, else 0; per migration. */
    public static final String MIGRATION_ROLLBACK_PENDING = "parallelrun.migration.rollback.pending";
    /** Counter of a migration's automatic rollbacks, per migration and broken criterion. */
    public static final String MIGRATION_ROLLBACKS = "parallelrun.migration.rollbacks";
    /** Counter of a migration's failed writes of the other side, per migration and side. */
    public static final String MIGRATION_WRITE_FAILURES = "parallelrun.migration.write.failures";

    /** Tag key of the experiment's name, on every meter of an experiment. */
    public static final String EXPERIMENT_TAG = "experiment";
    /** Tag key of the candidate's name on {@value #RUNS}, {@value #SKIPS} and {@value #START_DELAY}. */
    public static final String CANDIDATE_TAG = "candidate";
    /** Tag key of the outcome (an {@link dev.parallelrun.experiment.Outcome} name) on {@value #RUNS}. */
    public static final String OUTCOME_TAG = "outcome";
    /** Tag key of the skip reason (a {@link SkipReason} name) on {@value #SKIPS}. */
    public static final String REASON_TAG = "reason";
    /** Tag key of {@code control} or the candidate's name on {@value #DURATION}. */
    public static final String BEHAVIOR_TAG = "behavior";
    /** Tag key of the fault source (a {@link FaultSource} name) on {@value #FAULTS}. */
    public static final String SOURCE_TAG = "source";
    /** Tag key of the migration's name, on every meter of a migration. */
    public static final String MIGRATION_TAG = "migration";
    /** Tag key of the side ({@code OLD} or {@code NEW}) on {@value #MIGRATION_WRITE_FAILURES}. */
    public static final String SIDE_TAG = "side";
    /**
     * Tag key of the broken criterion (a {@link dev.parallelrun.experiment.migration.RollbackPolicy.Criterion} name)
     * on {@value #MIGRATION_ROLLBACKS}.
     */
    public static final String CRITERION_TAG = "criterion";

    private static final System.Logger LOG = System.getLogger(MicrometerPublisher.class.getName());

    private final MeterRegistry registry;
    private final boolean percentileHistograms;
    // written by the publishing thread only; concurrent maps because close() and tests read from elsewhere
    private final Map<String, ExperimentMeters> experiments = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private @Nullable LaboratoryMeters laboratoryMeters;
    // the migrations' meters, made on their first record on the publishing thread; removed by close()
    private final Map<String, MigrationMeters> migrations = new ConcurrentHashMap<>();
    private volatile @Nullable Laboratory laboratory;
    private volatile boolean closed;
    private final LongAdder failures = new LongAdder();
    private final ThrottledLog log = ThrottledLog.perMinute(LOG);

    /** A publisher into {@code registry}, with the default options. */
    public MicrometerPublisher(MeterRegistry registry) {
        this(builder(registry));
    }

    private MicrometerPublisher(Builder builder) {
        this.registry = builder.registry;
        this.percentileHistograms = builder.percentileHistograms;
    }

    /** Starts the options of a publisher into {@code registry}. */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    @Override
    public void attach(Laboratory laboratory) {
        requireNonNull(laboratory, "laboratory");
        synchronized (lifecycle) {
            if (closed || laboratoryMeters != null) {
                return; // attached once: a second laboratory's gauges would be ignored by the registry anyway
            }
            LaboratoryMeters meters = new LaboratoryMeters(registry, laboratory);
            laboratoryMeters = meters;
            this.laboratory = laboratory;
            meters.registerNewExperiments();
        }
    }

    @Override
    public void publish(Result<?> result) {
        guarded(() -> record(result), this::failed);
    }

    private void record(Result<?> result) {
        ExperimentMeters meters = experiments.get(result.experiment());
        if (meters == null) {
            meters = firstResultOf(result.experiment());
        }
        Run<?> control = result.control();
        if (control.completed()) {
            meters.control().record(control.duration());
        }
        for (CandidateResult<?> candidate : result.candidates()) {
            CandidateMeters candidateMeters = meters.candidate(candidate.name());
            candidateMeters.count(candidate.outcome());
            SkipReason reason = candidate.skipReason();
            if (reason != null) {
                candidateMeters.skipped(reason);
            }
            Run<?> run = candidate.run();
            if (run != null) {
                candidateMeters.waited(run.startDelay());
                if (run.started() && run.completed()) {
                    candidateMeters.record(run.duration());
                }
            }
        }
    }

    /** Moves the stage gauge, and counts a rollback under its criterion. */
    @Override
    public void publishStage(StageChange change) {
        guarded(
                () -> recordMigration(change.migration(), change.to(), meters -> meters.record(change)),
                this::failedRecord);
    }

    /** Counts a failed write of the other side under its side. */
    @Override
    public void publishWriteFailure(WriteFailure failure) {
        guarded(
                () -> recordMigration(
                        failure.migration(), failure.stage(), meters -> meters.failedWrite(failure.side())),
                this::failedRecord);
    }

    /**
     * Runs {@code record} unless closed. Whatever the registry throws goes to {@code onFault}, never to the
     * publishing thread; an error of the JVM itself is let through.
     */
    private void guarded(Runnable record, Consumer<Throwable> onFault) {
        if (closed) {
            return;
        }
        try {
            record.run();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable fault) {
            onFault.accept(fault);
        }
    }

    /** Hands the meters of migration {@code name} to {@code record}; none once closed. */
    private void recordMigration(String name, Stage stage, Consumer<MigrationMeters> record) {
        MigrationMeters meters = migration(name, stage);
        if (meters != null) {
            record.accept(meters);
        }
    }

    /** The meters of {@code name}, registered on its first record; {@code null} once closed. */
    private @Nullable MigrationMeters migration(String name, Stage stage) {
        MigrationMeters meters = migrations.get(name);
        if (meters != null) {
            return meters;
        }
        synchronized (lifecycle) { // so close() removes every gauge registered
            if (closed) {
                return null;
            }
            return migrations.computeIfAbsent(name, n -> new MigrationMeters(registry, n, stage, laboratory));
        }
    }

    private void failedRecord(Throwable fault) {
        failures.increment();
        log.warn(
                () -> "MicrometerPublisher could not record a migration's stage change or failed write ("
                        + failures.sum() + " failures so far); the migration is unaffected",
                fault);
    }

    private ExperimentMeters firstResultOf(String experiment) {
        ExperimentMeters made = experiments.computeIfAbsent(
                experiment, name -> new ExperimentMeters(registry, name, percentileHistograms));
        synchronized (lifecycle) {
            if (!closed && laboratoryMeters != null) {
                laboratoryMeters.registerNewExperiments();
            }
        }
        return made;
    }

    private void failed(Throwable fault) {
        failures.increment();
        log.warn(
                () -> "MicrometerPublisher could not record a result (" + failures.sum()
                        + " so far); the experiment is unaffected",
                fault);
    }

    /** Results this publisher failed to record because the registry threw. */
    long failures() {
        return failures.sum();
    }

    /** Removes the meters that read the laboratory (migration gauges too); counters and timers stay. Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            for (MigrationMeters meters : migrations.values()) {
                try {
                    meters.remove(registry);
                } catch (RuntimeException fault) {
                    failed(fault);
                }
            }
            if (laboratoryMeters != null) {
                try {
                    laboratoryMeters.remove();
                } catch (RuntimeException fault) {
                    failed(fault);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "MicrometerPublisher[" + registry.getClass().getSimpleName() + "]";
    }

    /** Options of a {@link MicrometerPublisher}. */
    public static final class Builder {
        private final MeterRegistry registry;
        private boolean percentileHistograms;

        private Builder(MeterRegistry registry) {
            this.registry = requireNonNull(registry, "registry");
        }

        /**
         * Publishes percentile histograms on {@value MicrometerPublisher#DURATION} and
         * {@value MicrometerPublisher#START_DELAY} (aggregatable percentiles in Prometheus and friends, at the
         * price of about 70 more series per timer). Default off: then the registry's {@code MeterFilter}s decide.
         */
        public Builder percentileHistograms(boolean publish) {
            this.percentileHistograms = publish;
            return this;
        }

        /** The publisher. */
        public MicrometerPublisher build() {
            return new MicrometerPublisher(this);
        }
    }
}
