package dev.parallelrun.runtime.migration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock whose time is each thread's own: a side's read that advances it by 20 ms measures exactly 20 ms, even while
 * the other side's read advances it on another thread at the same moment.
 */
final class ThreadClock extends Clock {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final ThreadLocal<Duration> elapsed = ThreadLocal.withInitial(() -> Duration.ZERO);

    /** Makes the calling thread's time pass. */
    void advance(Duration duration) {
        elapsed.set(elapsed.get().plus(duration));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
        return START.plus(elapsed.get());
    }
}
