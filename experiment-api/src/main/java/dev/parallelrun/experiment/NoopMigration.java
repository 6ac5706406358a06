package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.MigrationStats;
import dev.parallelrun.experiment.migration.Side;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.experiment.migration.WriteFailure;
import dev.parallelrun.experiment.spi.MigrationSpec;
import dev.parallelrun.experiment.spi.ThrottledLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A migration of {@link Laboratory#noop()}: each call goes to the sides its stage says, in the order it says, with
 * the fallback in LIVE and RAMP_DOWN (but no read timeout, which needs the engine's threads), so that data is written
 * where it must be with or without an engine. Nothing is compared, counted, recorded or rolled back; a failed other
 * write is only logged.
 */
final class NoopMigration<R extends @Nullable Object> implements Migration<R> {

    private static final System.Logger LOG = System.getLogger("dev.parallelrun");

    private final MigrationSpec<R> spec;
    private final Supplier<Stage> source;
    private final @Nullable Executor otherWrites;
    private final Instant builtAt;
    private final ThrottledLog log = ThrottledLog.perMinute(LOG);
    private volatile Stage stage = Stage.OFF;

    NoopMigration(MigrationSpec<R> spec) {
        this.spec = spec;
        this.source = spec.stageSource();
        this.otherWrites = spec.otherWriteExecutor();
        Clock clock = spec.clock();
        this.builtAt = clock != null ? clock.instant() : Instant.now();
        current();
    }

    /** Reads the source: the last stage it gave when it throws or gives null. */
    private Stage current() {
        try {
            Stage said = source.get();
            if (said != null) {
                stage = said;
                return said;
            }
        } catch (Throwable fault) {
            log.warn(() -> "migration '" + spec.name() + "': the stage source threw; keeping " + stage, fault);
        }
        return stage;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    @SuppressWarnings("ReferenceEquality") // identity: an exception both sides threw is not suppressed into itself
    public <X extends Throwable> R read(
            Call call, Behavior<? extends R, ? extends X> oldSide, Behavior<? extends R, ? extends X> newSide)
            throws X {
        requireNonNull(call, "call");
        requireNonNull(oldSide, "oldSide");
        requireNonNull(newSide, "newSide");
        Stage now = current();
        if (now.serves() == Side.OLD) {
            return oldSide.call();
        }
        if (!now.fallsBack() || !spec.fallback()) {
            return newSide.call();
        }
        try {
            return newSide.call();
        } catch (Throwable newFailure) {
            try {
                return oldSide.call();
            } catch (Throwable oldFailure) {
                if (oldFailure != newFailure) {
                    newFailure.addSuppressed(oldFailure);
                }
                throw NoopMigration.<X>rethrow(newFailure);
            }
        }
    }

    @Override
    public <V extends @Nullable Object, X extends Throwable> V write(
            Call call, Behavior<? extends V, ? extends X> oldSide, Behavior<? extends V, ? extends X> newSide)
            throws X {
        requireNonNull(call, "call");
        requireNonNull(oldSide, "oldSide");
        requireNonNull(newSide, "newSide");
        Stage now = current();
        boolean oldFirst = now.authoritative() == Side.OLD;
        V value = oldFirst ? oldSide.call() : newSide.call();
        Side other = now.otherWrite();
        if (other != null) {
            Behavior<?, ?> second = oldFirst ? newSide : oldSide;
            Runnable write = () -> {
                try {
                    second.call();
                } catch (Throwable fault) {
                    log.warn(
                            () -> "migration '" + spec.name() + "': the " + other + " side's write of key " + call.key()
                                    + " failed (a noop laboratory keeps no record of it)",
                            fault);
                }
            };
            Executor executor = otherWrites;
            if (executor == null) {
                write.run();
            } else {
                try {
                    executor.execute(write);
                } catch (Throwable rejected) {
                    log.warn(
                            () -> "migration '" + spec.name() + "': the other write's executor rejected key "
                                    + call.key(),
                            rejected);
                }
            }
        }
        return value;
    }

    @Override
    public Stage stage() {
        return stage;
    }

    @Override
    public @Nullable StageChange rollback() {
        return null;
    }

    @Override
    public boolean acknowledgeRollback() {
        return false;
    }

    @Override
    public Readiness readiness() {
        return new Readiness(List.of(new Readiness.Check(
                "comparisons", "reads compared in SHADOW", "none: a noop laboratory compares nothing", false)));
    }

    @Override
    public MigrationStats stats() {
        MigrationStats.SideStats none = new MigrationStats.SideStats(0, 0, 0, 0);
        return new MigrationStats(
                spec.name(),
                stage,
                null,
                null,
                builtAt,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                none,
                none,
                empty(spec.shadowExperiment()),
                empty(spec.liveExperiment()));
    }

    private static ExperimentStats empty(String experiment) {
        return NoopExperiment.emptyStats(experiment, null, ReadinessCriteria.defaults());
    }

    @Override
    public List<StageChange> history() {
        return List.of();
    }

    @Override
    public List<WriteFailure> writeFailures() {
        return List.of();
    }

    @SuppressWarnings("unchecked")
    private static <X extends Throwable> RuntimeException rethrow(Throwable thrown) throws X {
        throw (X) thrown;
    }

    @Override
    public String toString() {
        return "noop migration '" + spec.name() + "'";
    }
}
