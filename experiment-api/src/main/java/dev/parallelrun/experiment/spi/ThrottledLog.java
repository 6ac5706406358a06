package dev.parallelrun.experiment.spi;

import static java.util.Objects.requireNonNull;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Logs a fault through {@link System.Logger} at most once per interval, and says how many were not logged
 * since, so a callback or a publisher that fails on every call cannot flood the application's log. Each
 * warning is one line: the message, the fault's class and message, and its first few frames (a value with a
 * cycle can throw from a thousand frames deep; the whole stack would bury the one line a person needs). The
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
     * Logs {@code message} (made only when it is logged) and {@code cause}, on one line, at WARNING unless a
     * fault was logged less than an interval ago.
     *
     * <p>Never throws: a message or a logging backend that fails is swallowed, since the fault it reports
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
                String text = message.get() + more;
                logger.log(Level.WARNING, cause == null ? text : text + ": " + oneLine(cause));
                return true;
            } catch (Throwable failed) {
                return false;
            }
        }
        unlogged.increment();
        return false;
    }

    /**
     * {@code cause} as one line: its class and message, its first {@value #FRAMES} frames, and the same for its
     * root cause when it has one. Never throws.
     */
    @SuppressWarnings("ReferenceEquality") // identity: a cause chain ends where a cause is its own cause
    public static String oneLine(Throwable cause) {
        try {
            StringBuilder line = new StringBuilder();
            describe(cause, line);
            Throwable root = cause;
            for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
                root = root.getCause();
            }
            if (root != cause) {
                line.append("; caused by ");
                describe(root, line);
            }
            return line.toString();
        } catch (Throwable failed) {
            return cause.getClass().getName();
        }
    }

    private static final int FRAMES = 3;

    private static void describe(Throwable fault, StringBuilder line) {
        String message;
        try {
            message = fault.getMessage();
        } catch (RuntimeException e) {
            message = null;
        }
        line.append(fault.getClass().getName());
        if (message != null) {
            line.append(": ").append(message.replace('\n', ' ').replace('\r', ' '));
        }
        StackTraceElement[] frames = fault.getStackTrace();
        for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
            line.append(i == 0 ? " at " : " < ").append(frames[i]);
        }
        if (frames.length > FRAMES) {
            line.append(" (").append(frames.length - FRAMES).append(" more frames)");
        }
    }
}
