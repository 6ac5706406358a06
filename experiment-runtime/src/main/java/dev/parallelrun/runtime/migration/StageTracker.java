package dev.parallelrun.runtime.migration;

import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.experiment.spi.ThrottledLog;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The stage of each call and the migration's timeline. The stage source is read on every call; the stage in effect
 * is the source's, or SHADOW while a rollback is latched. A call whose stage is the one in effect reads two volatile
 * fields and nothing else; a change is recorded under a lock, so the timeline's order is the order in which the
 * stages took effect, and a flag read just before a rollback cannot undo it.
 */
final class StageTracker {

    /** How many timeline entries are kept. */
    static final int KEPT = 1_000;

    static final System.Logger LOG = System.getLogger("dev.parallelrun");

    private final String migration;
    private final Supplier<Stage> source;
    private final Clock clock;
    private final Consumer<StageChange> entered;
    private final ThrottledLog log = ThrottledLog.perMinute(LOG);
    private final LongAdder sourceFaults = new LongAdder();
    private final Object lock = new Object();
    private final ArrayDeque<StageChange> history = new ArrayDeque<>(); // guarded by lock
    private long changes; // guarded by lock
    private volatile @Nullable Stage lastGood;
    private volatile Stage current;
    private volatile Instant since;
    private volatile @Nullable StageChange rollback;

    /**
     * Reads the source once and records the STARTED entry; {@code entered} is told about every entry, under the
     * lock, in order (it must not call back here).
     */
    StageTracker(String migration, Supplier<Stage> source, Clock clock, Consumer<StageChange> entered) {
        this.migration = migration;
        this.source = source;
        this.clock = clock;
        this.entered = entered;
        Stage first = said();
        this.current = first;
        this.since = clock.instant();
        synchronized (lock) {
            apply(new StageChange(migration, null, first, since, StageChange.Cause.STARTED, null));
        }
    }

    /** What the source says now: the last stage it gave when it throws or gives null (OFF before any), counted. */
    private Stage said() {
        Stage said;
        try {
            said = source.get();
        } catch (Throwable fault) {
            return fault(fault);
        }
        if (said == null) {
            return fault(null);
        }
        lastGood = said;
        return said;
    }

    private Stage fault(@Nullable Throwable fault) {
        sourceFaults.increment();
        Stage kept = lastGood;
        Stage stage = kept != null ? kept : Stage.OFF;
        log.warn(
                () -> "migration '" + migration + "': the stage source " + (fault == null ? "returned null" : "threw")
                        + "; keeping " + stage,
                fault);
        return stage;
    }

    /** The stage of one call, recording a change when it differs from the one in effect. Caller's thread. */
    Stage enter() {
        Stage said = said();
        Stage effective = rollback != null ? Stage.SHADOW : said;
        if (effective == current) {
            return effective;
        }
        synchronized (lock) {
            // again under the lock: a rollback may have been latched since
            Stage to = rollback != null ? Stage.SHADOW : said;
            Stage from = current;
            if (to != from) {
                apply(new StageChange(migration, from, to, clock.instant(), StageChange.Cause.SOURCE, null));
                if (from == Stage.COMPLETE) {
                    log.warn(
                            () -> "migration '" + migration + "' left COMPLETE for " + to + ": the old side was not"
                                    + " written in COMPLETE and misses every write made then",
                            null);
                }
            }
            return to;
        }
    }

    /**
     * Rolls back to SHADOW and latches, unless a rollback is latched already or the stage in effect no longer falls
     * back (the flag moved on while the window was counting).
     *
     * @return the rollback recorded, or {@code null}
     */
    @Nullable
    StageChange trip(StageChange.Trip trip) {
        StageChange change;
        synchronized (lock) {
            if (rollback != null || !current.fallsBack()) {
                return null;
            }
            change = new StageChange(
                    migration, current, Stage.SHADOW, clock.instant(), StageChange.Cause.ROLLBACK, trip);
            rollback = change;
            apply(change);
        }
        LOG.log(
                Level.WARNING,
                "migration '" + migration + "' rolled back from " + change.from() + " to SHADOW: "
                        + trip.detail()
                        + ". The old side serves again and both sides are still written; it stays in SHADOW"
                        + " until the rollback is acknowledged.");
        return change;
    }

    /** Ends a latched rollback: the source's stage takes effect now. */
    boolean acknowledge() {
        Stage said = said();
        StageChange change;
        synchronized (lock) {
            if (rollback == null) {
                return false;
            }
            rollback = null;
            change = new StageChange(migration, current, said, clock.instant(), StageChange.Cause.ACKNOWLEDGED, null);
            apply(change);
        }
        LOG.log(Level.INFO, "migration '" + migration + "': rollback acknowledged; now " + change.to());
        return true;
    }

    private void apply(StageChange change) {
        current = change.to();
        since = change.at();
        if (history.size() == KEPT) {
            history.removeFirst();
        }
        history.addLast(change);
        changes++;
        entered.accept(change);
    }

    Stage current() {
        return current;
    }

    Instant since() {
        return since;
    }

    @Nullable
    StageChange rollback() {
        return rollback;
    }

    @Nullable
    Stage lastGood() {
        return lastGood;
    }

    long sourceFaults() {
        return sourceFaults.sum();
    }

    long changes() {
        synchronized (lock) {
            return changes;
        }
    }

    List<StageChange> history() {
        synchronized (lock) {
            return List.copyOf(history);
        }
    }
}
