package dev.parallelrun.runtime.migration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that moves only when a test advances it; how far it has moved is the subclass's to keep. */
abstract class ManualClock extends Clock {

    /** Where the tests' clocks start. */
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    abstract void advance(Duration duration);

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
