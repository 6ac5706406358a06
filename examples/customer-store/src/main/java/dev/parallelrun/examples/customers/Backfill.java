package dev.parallelrun.examples.customers;

import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.migration.Side;
import dev.parallelrun.experiment.migration.WriteFailure;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Copies customers from the legacy store to the new one: all of them once dual writes have started, and later the
 * keys whose write to the new store failed. It learns those keys as a publisher: the migration publishes every failed
 * write with its call's key.
 */
final class Backfill implements Publisher {

    private final LegacyStore legacy;
    private final ModernStore modern;
    private final KeyLocks locks;
    private final Set<Long> failedKeys = ConcurrentHashMap.newKeySet();
    private final LongAdder failuresSeen = new LongAdder();

    Backfill(LegacyStore legacy, ModernStore modern, KeyLocks locks) {
        this.legacy = legacy;
        this.modern = modern;
        this.locks = locks;
    }

    @Override
    public void publish(Result<?> result) {
        // read comparisons are not this publisher's business
    }

    @Override
    public void publishWriteFailure(WriteFailure failure) {
        failuresSeen.increment();
        if (failure.side() == Side.NEW && failure.key() != null) {
            failedKeys.add(Long.parseLong(failure.key()));
        }
    }

    /** Failed writes published so far. */
    long failuresSeen() {
        return failuresSeen.sum();
    }

    /** Copies every legacy customer the new store lacks; returns how many. Dual writes keep running meanwhile. */
    int all() throws SQLException {
        int copied = 0;
        for (long id : legacy.ids()) {
            if (copy(id, false)) {
                copied++;
            }
        }
        return copied;
    }

    /** Copies the customers whose write to the new store failed, overwriting; returns their keys. */
    Set<Long> repair() throws SQLException {
        Set<Long> repaired = new TreeSet<>();
        for (Long id : Set.copyOf(failedKeys)) {
            copy(id, true);
            failedKeys.remove(id);
            repaired.add(id);
        }
        return repaired;
    }

    private boolean copy(long id, boolean overwrite) throws SQLException {
        // the customer's own lock: no dual write of it can slip between the read and the copy
        ReentrantLock lock = locks.of(id);
        lock.lock();
        try {
            Customer customer = legacy.find(id);
            if (customer == null) {
                return false;
            }
            if (overwrite) {
                modern.save(customer);
                return true;
            }
            return modern.saveIfAbsent(customer);
        } finally {
            lock.unlock();
        }
    }
}
