package dev.parallelrun.runtime;

import dev.parallelrun.experiment.FaultHandler;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.spi.ThrottledLog;
import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Counts the faults an experiment catches, per source, hands each to the experiment's {@link FaultHandler}, and
 * logs them through {@link System.Logger} at most once a minute, one line each, so a callback that fails on every
 * call cannot flood the application's log.
 */
final class FaultLog {

    static final System.Logger LOG = System.getLogger("dev.parallelrun");

    private final String experiment;
    private final @Nullable FaultHandler handler;
    private final LongAdder[] counts = new LongAdder[FaultSource.values().length];
    private final ThrottledLog log = ThrottledLog.perMinute(LOG);
    private final AtomicBoolean expiryWarned = new AtomicBoolean();
    private final AtomicBoolean runawayWarned = new AtomicBoolean();

    FaultLog(String experiment, @Nullable FaultHandler handler) {
        this.experiment = experiment;
        this.handler = handler;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Counts a fault of {@code source}, tells the handler, and logs it unless one was logged less than a minute ago. */
    void record(FaultSource source, Throwable fault) {
        counts[source.ordinal()].increment();
        FaultHandler told = handler;
        if (told != null) {
            try {
                told.onFault(source, fault);
            } catch (Throwable ignored) {
                // the handler is told about faults; its own cannot be reported anywhere better than the log below
            }
        }
        log.warn(
                () -> "experiment '" + experiment + "': " + source.description()
                        + " threw; the caller was not affected",
                fault);
    }

    /** Logs once per experiment that its expiry date has passed. */
    void warnExpired(Object expiresOn) {
        if (expiryWarned.compareAndSet(false, true)) {
            LOG.log(
                    Level.WARNING,
                    "experiment '" + experiment + "' expired on " + expiresOn
                            + ": finish the migration or remove the experiment; parallel runs must not become permanent");
        }
    }

    /** Logs once per experiment that a candidate became a runaway, and what that costs. */
    void warnRunaway(String candidate, @Nullable Thread thread, int maxRunaways) {
        if (runawayWarned.compareAndSet(false, true)) {
            StackTraceElement[] where = thread == null ? new StackTraceElement[0] : thread.getStackTrace();
            String at =
                    where.length == 0 ? "" : " It is at " + where[0] + (where.length > 1 ? " < " + where[1] : "") + ".";
            LOG.log(
                    Level.WARNING,
                    "experiment '" + experiment + "': candidate '" + candidate + "' is a runaway: past its"
                            + " timeout, it ignores the interrupt and its thread still runs." + at + " With "
                            + maxRunaways
                            + " runaway(s) the experiment skips its candidates until they end; a CPU-heavy candidate belongs on"
                            + " a candidateExecutor.");
        }
    }

    /** Faults counted so far, per source. */
    Map<FaultSource, Long> counts() {
        Map<FaultSource, Long> snapshot = new EnumMap<>(FaultSource.class);
        for (FaultSource source : FaultSource.values()) {
            snapshot.put(source, counts[source.ordinal()].sum());
        }
        return snapshot;
    }
}
