package dev.parallelrun.runtime.migration;

import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Where the durations the rollback compares come from: {@code System.nanoTime()}, or the clock a test set. */
@FunctionalInterface
interface Ticker {

    /** A reading in nanoseconds; only differences mean anything. */
    long nanos();

    /** The clock's instants in nanoseconds when a clock was set on the migration, else {@code System.nanoTime()}. */
    static Ticker of(@Nullable Clock clock) {
        if (clock == null) {
            return System::nanoTime;
        }
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }
}
