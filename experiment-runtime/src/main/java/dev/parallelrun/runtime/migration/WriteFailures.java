package dev.parallelrun.runtime.migration;

import dev.parallelrun.experiment.migration.WriteFailure;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Every failed other write: counted, the latest {@value #KEPT} kept for {@code writeFailures()}, and each one
 * published. The lock is taken only on a failure, never on a write that succeeded.
 */
final class WriteFailures {

    /** How many failures are kept in memory. */
    static final int KEPT = 1_000;

    private final LongAdder count = new LongAdder();
    private final ArrayDeque<WriteFailure> kept = new ArrayDeque<>(); // guarded by itself
    private final Consumer<WriteFailure> publish;

    WriteFailures(Consumer<WriteFailure> publish) {
        this.publish = publish;
    }

    void record(WriteFailure failure) {
        count.increment();
        synchronized (kept) {
            if (kept.size() == KEPT) {
                kept.removeFirst();
            }
            kept.addLast(failure);
        }
        publish.accept(failure);
    }

    long count() {
        return count.sum();
    }

    List<WriteFailure> kept() {
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }
}
