package dev.parallelrun.runtime.migration;

import dev.parallelrun.experiment.Publisher;
import java.util.function.Consumer;

/**
 * How a migration's records (stage changes, failed writes) reach the laboratory's publishers: queued, then handed to
 * each publisher on the laboratory's publishing thread. What the laboratory gives {@link RuntimeMigrations#start};
 * applications do not use it.
 */
@FunctionalInterface
public interface MigrationEvents {

    /**
     * Queues {@code delivery}, to be called with each publisher on the publishing thread; {@code failed} is told what
     * a publisher threw. Must not block or wake a thread: it may be called on a caller's thread.
     *
     * @return false when the record was dropped (queue full, laboratory closing)
     */
    boolean offer(Consumer<Publisher> delivery, Consumer<Throwable> failed);
}
