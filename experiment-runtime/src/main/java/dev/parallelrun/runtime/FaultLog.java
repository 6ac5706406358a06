package dev.parallelrun.runtime;

import dev.parallelrun.experiment.Callback;
import dev.parallelrun.experiment.ThrottledLog;
import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the faults of an experiment's callbacks and logs them through {@link System.Logger} at most
 * once a minute, so a callback that fails on every call cannot flood the application's log.
 */
final class FaultLog {

    static final System.Logger LOG = System.getLogger("dev.parallelrun");

    private final String experiment;
    private final LongAdder[] counts = new LongAdder[Callback.values().length];
    private final ThrottledLog log = ThrottledLog.perMinute(LOG);
    private final AtomicBoolean expiryWarned = new AtomicBoolean();

    FaultLog(String experiment) {
        this.experiment = experiment;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Counts a fault of {@code callback} and logs it unless one was logged less than a minute ago. */
    void record(Callback callback, Throwable fault) {
        counts[callback.ordinal()].increment();
        log.warn(() -> "experiment '" + experiment + "': " + describe(callback) + " threw; the caller was not affected",
                fault);
    }

    /** Logs once per experiment that its expiry date has passed. */
    void warnExpired(Object expiresOn) {
        if (expiryWarned.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "experiment '" + experiment + "' expired on " + expiresOn
                    + ": finish the migration or remove the experiment; parallel runs must not become permanent");
        }
    }

    /** Faults counted so far, per callback. */
    Map<Callback, Long> counts() {
        Map<Callback, Long> snapshot = new EnumMap<>(Callback.class);
        for (Callback callback : Callback.values()) {
            snapshot.put(callback, counts[callback.ordinal()].sum());
        }
        return snapshot;
    }

    private static String describe(Callback callback) {
        return switch (callback) {
            case SAMPLER -> "the sampler";
            case KILL_SWITCH -> "the kill switch";
            case BEFORE_RUN -> "beforeRun";
            case CONTEXT -> "the context supplier";
            case COMPARATOR -> "the comparator";
            case ERROR_COMPARATOR -> "the error comparator";
            case IGNORE -> "an ignore rule";
            case CLEANER -> "the cleaner";
            case DIFFER -> "turning a value into a tree";
            case PUBLISHER -> "a publisher";
        };
    }
}
