package dev.parallelrun.runtime.migration;

import dev.parallelrun.experiment.migration.Side;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * One side of a test migration: a key-value store that logs every call it gets (side, operation, key, thread) and
 * fails on demand.
 */
final class Store {

    /** The exception a store throws when told to fail; it names its side. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Side side;

        Failure(Side side, String what) {
            super(side + " " + what);
            this.side = side;
        }
    }

    /** One call a store got. */
    record Op(Side side, String operation, String key, Thread thread) {}

    final Side side;
    final Map<String, String> data = new ConcurrentHashMap<>();
    final List<Op> log;
    volatile boolean failReads;
    volatile boolean failWrites;

    Store(Side side, List<Op> log) {
        this.side = side;
        this.log = log;
    }

    /** Two stores sharing one log, so a test sees the order of calls across both. */
    static Store[] pair() {
        List<Op> log = new CopyOnWriteArrayList<>();
        return new Store[] {new Store(Side.OLD, log), new Store(Side.NEW, log)};
    }

    @Nullable
    String read(String key) {
        log.add(new Op(side, "read", key, Thread.currentThread()));
        if (failReads) {
            throw new Failure(side, "read failed");
        }
        return data.get(key);
    }

    String write(String key, String value) {
        log.add(new Op(side, "write", key, Thread.currentThread()));
        if (failWrites) {
            throw new Failure(side, "write failed");
        }
        data.put(key, value);
        return side + ":" + value;
    }

    List<Op> ops(String operation) {
        return log.stream().filter(op -> op.operation().equals(operation)).toList();
    }
}
