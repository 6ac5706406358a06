package dev.parallelrun.runtime.migration;

import dev.parallelrun.experiment.migration.MigrationStats;
import java.util.concurrent.atomic.LongAdder;

/** What one side did on the callers' path; lock-free counters. */
final class SideCounts {

    private final LongAdder reads = new LongAdder();
    private final LongAdder readErrors = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder writeErrors = new LongAdder();

    void read(boolean failed) {
        reads.increment();
        if (failed) {
            readErrors.increment();
        }
    }

    void write(boolean failed) {
        writes.increment();
        if (failed) {
            writeErrors.increment();
        }
    }

    MigrationStats.SideStats snapshot() {
        return new MigrationStats.SideStats(reads.sum(), readErrors.sum(), writes.sum(), writeErrors.sum());
    }
}
