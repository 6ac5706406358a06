package dev.parallelrun.runtime.migration;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.Behavior;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.MigrationStats;
import dev.parallelrun.experiment.migration.Side;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.experiment.migration.WriteFailure;
import dev.parallelrun.experiment.spi.MigrationSpec;
import dev.parallelrun.experiment.spi.ThrottledLog;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The engine's migration. Each call reads its stage once ({@link StageTracker}) and runs the sides that stage says:
 * SHADOW reads through the SHADOW experiment (control old, candidate new), LIVE reads through the LIVE experiment
 * (control new, candidate old) with the fallback around it, every other stage calls the sides directly. Writes run the
 * authoritative side on the caller's thread, then the other side. The new side's calls while it serves feed the
 * {@link RollbackWatch}.
 */
final class RuntimeMigration<R extends @Nullable Object> implements Migration<R> {

    private final String name;
    private final Experiment<R> shadowReads;
    private final Experiment<R> liveReads;
    private final Clock clock;
    private final Ticker ticker;
    private final boolean fallback;
    private final @Nullable Executor otherWrites;
    private final NewRead newRead;
    private final MigrationEvents events;
    private final ThrottledLog publisherLog = ThrottledLog.perMinute(StageTracker.LOG);
    private final SideCounts oldCounts = new SideCounts();
    private final SideCounts newCounts = new SideCounts();
    private final LongAdder reads = new LongAdder();
    private final LongAdder fallbacks = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder unpublished = new LongAdder();
    private final ShadowPeriod period;
    private final RollbackWatch watch;
    private final WriteFailures failures;
    private final StageTracker stages;

    RuntimeMigration(
            MigrationSpec<R> spec,
            Experiment<R> shadowReads,
            Experiment<R> liveReads,
            Clock clock,
            MigrationEvents events) {
        this.name = spec.name();
        this.shadowReads = shadowReads;
        this.liveReads = liveReads;
        this.clock = clock;
        this.ticker = Ticker.of(spec.clock());
        this.fallback = spec.fallback();
        this.otherWrites = spec.otherWriteExecutor();
        this.newRead = new NewRead(name, spec.readTimeout());
        this.events = events;
        this.period = new ShadowPeriod(shadowReads, spec.minShadowDuration());
        this.watch = new RollbackWatch(spec.rollback(), this::tripped);
        this.failures = new WriteFailures(failure -> publish(publisher -> publisher.publishWriteFailure(failure)));
        // last: its first entry is handed to entered(), which needs the parts above
        this.stages = new StageTracker(name, spec.stageSource(), clock, this::entered);
    }

    /** Under the tracker's lock, for every timeline entry in order. */
    private void entered(StageChange change) {
        Stage to = change.to();
        // a SHADOW period starts on entering SHADOW, and again once a rollback is acknowledged: the fix made since is
        // what the next verdict must judge
        if (to == Stage.SHADOW && (change.from() != Stage.SHADOW || change.cause() == StageChange.Cause.ACKNOWLEDGED)) {
            period.start(change.at());
        }
        if (to.fallsBack()) {
            watch.reset();
        }
        publish(publisher -> publisher.publishStage(change));
    }

    private void tripped(StageChange.Trip trip) {
        stages.trip(trip);
    }

    private void publish(Consumer<Publisher> delivery) {
        boolean queued = events.offer(
                delivery,
                fault -> publisherLog.warn(
                        () -> "migration '" + name
                                + "': a publisher threw on a stage change or write failure; the others still got it",
                        fault));
        if (!queued) {
            unpublished.increment();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public <X extends Throwable> R read(
            Call call, Behavior<? extends R, ? extends X> oldSide, Behavior<? extends R, ? extends X> newSide)
            throws X {
        requireNonNull(call, "call");
        requireNonNull(oldSide, "oldSide");
        requireNonNull(newSide, "newSide");
        Stage stage = stages.enter();
        reads.increment();
        return switch (stage) {
            case OFF, DUAL_WRITE -> direct(oldSide, oldCounts);
            case SHADOW -> shadow(call, oldSide, newSide);
            case LIVE -> live(call, oldSide, newSide);
            case RAMP_DOWN -> rampDown(oldSide, newSide);
            case COMPLETE -> direct(newSide, newCounts);
        };
    }

    private <X extends Throwable> R direct(Behavior<? extends R, ? extends X> side, SideCounts counts) throws X {
        R value;
        try {
            value = side.call();
        } catch (Throwable failure) {
            counts.read(true);
            throw Sneaky.<X>rethrow(failure);
        }
        counts.read(false);
        return value;
    }

    private <X extends Throwable> R shadow(
            Call call, Behavior<? extends R, ? extends X> oldSide, Behavior<? extends R, ? extends X> newSide)
            throws X {
        R value;
        try {
            value = shadowReads.run(call, oldSide, newSide);
        } catch (Throwable failure) {
            oldCounts.read(true);
            throw Sneaky.<X>rethrow(failure);
        }
        oldCounts.read(false);
        return value;
    }

    @SuppressWarnings("ReferenceEquality") // identity: the very exception the new side threw
    private <X extends Throwable> R live(
            Call call, Behavior<? extends R, ? extends X> oldSide, Behavior<? extends R, ? extends X> newSide)
            throws X {
        Served served = new Served(newSide, true);
        try {
            return liveReads.run(call, served, () -> compared(oldSide));
        } catch (Throwable thrown) {
            if (thrown != served.failure || served.interrupted) {
                throw Sneaky.<X>rethrow(thrown); // not the new side's failure: strict mode, or the caller interrupted
            }
            return fallBack(thrown, oldSide);
        }
    }

    /** The old side's read as LIVE's candidate, timed for the rollback's latency comparison. Candidate's thread. */
    private R compared(Behavior<? extends R, ?> oldSide) throws Throwable {
        long start = ticker.nanos();
        try {
            return oldSide.call();
        } finally {
            watch.oldCompared(ticker.nanos() - start);
        }
    }

    private <X extends Throwable> R rampDown(
            Behavior<? extends R, ? extends X> oldSide, Behavior<? extends R, ? extends X> newSide) throws X {
        Served served = new Served(newSide, false);
        try {
            return served.call();
        } catch (Throwable thrown) {
            if (served.interrupted) {
                throw Sneaky.<X>rethrow(thrown);
            }
            return fallBack(thrown, oldSide);
        }
    }

    /** The old side answers a failed new read; when it fails too, the new side's exception carries the old one's. */
    @SuppressWarnings("ReferenceEquality") // identity: an exception both sides threw is not suppressed into itself
    private <X extends Throwable> R fallBack(Throwable newFailure, Behavior<? extends R, ? extends X> oldSide)
            throws X {
        if (!fallback) {
            throw Sneaky.<X>rethrow(newFailure);
        }
        R value;
        try {
            value = oldSide.call();
        } catch (Throwable oldFailure) {
            oldCounts.read(true);
            if (oldFailure != newFailure) {
                newFailure.addSuppressed(oldFailure);
            }
            throw Sneaky.<X>rethrow(newFailure);
        }
        oldCounts.read(false);
        fallbacks.increment();
        return value;
    }

    @Override
    public <V extends @Nullable Object, X extends Throwable> V write(
            Call call, Behavior<? extends V, ? extends X> oldSide, Behavior<? extends V, ? extends X> newSide)
            throws X {
        requireNonNull(call, "call");
        requireNonNull(oldSide, "oldSide");
        requireNonNull(newSide, "newSide");
        Stage stage = stages.enter();
        writes.increment();
        Side first = stage.authoritative();
        V value;
        try {
            value = (first == Side.OLD ? oldSide : newSide).call();
        } catch (Throwable failure) {
            authoritativeWritten(stage, first, true);
            throw Sneaky.<X>rethrow(failure);
        }
        authoritativeWritten(stage, first, false);
        Side other = stage.otherWrite();
        if (other != null) {
            writeOther(call, stage, other, other == Side.OLD ? oldSide : newSide);
        }
        return value;
    }

    private void authoritativeWritten(Stage stage, Side side, boolean failed) {
        counts(side).write(failed);
        if (stage.fallsBack()) {
            watch.newWrite(failed);
        }
    }

    private void writeOther(Call call, Stage stage, Side side, Behavior<?, ?> write) {
        Executor executor = otherWrites;
        if (executor == null) {
            runOther(call, stage, side, write);
            return;
        }
        try {
            executor.execute(() -> runOther(call, stage, side, write));
        } catch (Throwable rejected) {
            otherWritten(call, stage, side, rejected);
        }
    }

    /** Never throws: the caller's write already succeeded. */
    private void runOther(Call call, Stage stage, Side side, Behavior<?, ?> write) {
        Throwable failure = null;
        try {
            write.call();
        } catch (Throwable thrown) {
            failure = thrown;
        }
        otherWritten(call, stage, side, failure);
    }

    private void otherWritten(Call call, Stage stage, Side side, @Nullable Throwable failure) {
        try {
            if (failure != null) {
                failures.record(
                        new WriteFailure(name, call.key(), call.context(), side, stage, clock.instant(), failure));
            }
            counts(side).write(failure != null);
            if (stage == Stage.SHADOW && side == Side.NEW) {
                period.newWrite(failure != null);
            }
        } catch (Throwable unexpected) {
            publisherLog.warn(() -> "migration '" + name + "': recording the other write failed", unexpected);
        }
    }

    private SideCounts counts(Side side) {
        return side == Side.OLD ? oldCounts : newCounts;
    }

    @Override
    public Stage stage() {
        return stages.current();
    }

    @Override
    public @Nullable StageChange rollback() {
        return stages.rollback();
    }

    @Override
    public boolean acknowledgeRollback() {
        return stages.acknowledge();
    }

    @Override
    public Readiness readiness() {
        return period.evaluate(stages.current(), stages.rollback(), clock.instant());
    }

    @Override
    public MigrationStats stats() {
        return new MigrationStats(
                name,
                stages.current(),
                stages.lastGood(),
                stages.rollback(),
                stages.since(),
                reads.sum(),
                fallbacks.sum(),
                writes.sum(),
                failures.count(),
                stages.changes(),
                stages.sourceFaults(),
                unpublished.sum(),
                oldCounts.snapshot(),
                newCounts.snapshot(),
                shadowReads.stats(),
                liveReads.stats());
    }

    @Override
    public List<StageChange> history() {
        return stages.history();
    }

    @Override
    public List<WriteFailure> writeFailures() {
        return failures.kept();
    }

    @Override
    public String toString() {
        return "migration '" + name + "'";
    }

    /**
     * The new side's read while it serves (LIVE, RAMP_DOWN): timed, bounded by the read timeout when there is one,
     * counted, and fed to the rollback watch. Keeps its failure so the fallback can tell it from anything else.
     */
    private final class Served implements Behavior<R, Throwable> {
        private final Behavior<? extends R, ?> newSide;
        private final boolean compared;

        @Nullable
        Throwable failure;

        boolean interrupted;

        Served(Behavior<? extends R, ?> newSide, boolean compared) {
            this.newSide = newSide;
            this.compared = compared;
        }

        @Override
        public R call() throws Throwable {
            long start = ticker.nanos();
            R value;
            try {
                value = newRead.call(newSide);
            } catch (NewRead.CallerInterrupted e) {
                interrupted = true; // the caller's interrupt, not the new side's failure
                failure = e;
                throw e;
            } catch (Throwable e) {
                failure = e;
                newCounts.read(true);
                watch.newRead(true, ticker.nanos() - start, compared);
                throw e;
            }
            newCounts.read(false);
            watch.newRead(false, ticker.nanos() - start, compared);
            return value;
        }
    }
}
