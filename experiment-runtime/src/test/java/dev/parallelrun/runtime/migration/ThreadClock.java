package dev.parallelrun.runtime.migration;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock whose time is each thread's own: a side's read that advances it by 20 ms measures exactly 20 ms, even while
 * the other side's read advances it on another thread at the same moment.
 */
final class ThreadClock extends ManualClock {

    private final ThreadLocal<Duration> elapsed = ThreadLocal.withInitial(() -> Duration.ZERO);

    /** Makes the calling thread's time pass. */
    @Override
    void advance(Duration duration) {
        elapsed.set(elapsed.get().plus(duration));
    }

    @Override
    public Instant instant() {
        return START.plus(elapsed.get());
    }
}
