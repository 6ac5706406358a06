package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Logs a fault through {@link System.Logger} at most once per interval, and says how many were not logged
 * since, so a callback or a publisher that fails on every call cannot flood the application's log. The
 * engine logs callback faults through one per experiment; publishers use one for their own failures.
 * Thread-safe and lock-free.
 */
public final class ThrottledLog {

    private final System.Logger logger;
    private final long intervalNanos;
    private final AtomicLong next;
    private final LongAdder unlogged = new LongAdder();

    /** Logs to {@code logger} at most once every {@code interval}; the first fault is logged at once. */
    public ThrottledLog(System.Logger logger, Duration interval) {
        this.logger = requireNonNull(logger, "logger");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative, was " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.next = new AtomicLong(System.nanoTime());
    }

    /** At most once a minute. */
    public static ThrottledLog perMinute(System.Logger logger) {
        return new ThrottledLog(logger, Duration.ofMinutes(1));
    }

    /**
     * Logs {@code message} (made only when it is logged) and {@code cause} at WARNING unless a fault was
     * logged less than an interval ago.
     *
     * Never throws: a message or a logging backend that fails is swallowed, since the fault it reports
     * has already been caught for the caller's sake.
     *
     * @return true when it logged
     */
    public boolean warn(Supplier<String> message, @Nullable Throwable cause) {
        long now = System.nanoTime();
        long due = next.get();
        if (now - due >= 0 && next.compareAndSet(due, now + intervalNanos)) {
            long others = unlogged.sumThenReset();
            String more = others == 0 ? "" : " (" + others + " more since the last report, not logged)";
            try {
                logger.log(Level.WARNING, message.get() + more, cause);
                return true;
            } catch (Throwable failed) {
                return false;
            }
        }
        unlogged.increment();
        return false;
    }
}
