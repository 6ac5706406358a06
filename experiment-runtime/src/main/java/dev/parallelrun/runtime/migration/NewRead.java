package dev.parallelrun.runtime.migration;

import dev.parallelrun.experiment.Behavior;
import dev.parallelrun.experiment.migration.ReadTimeoutException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Runs the new side's read while it serves: on the caller's thread when there is no read timeout, else on a virtual
 * thread of its own that the caller waits for, at most the timeout. Past it the read is cancelled (interrupted) and a
 * {@link ReadTimeoutException} stands for it; a read that finished in the same instant still counts.
 */
final class NewRead {

    private final String migration;
    private final @Nullable Duration timeout;
    private final long timeoutNanos;
    private final ThreadFactory threads;

    NewRead(String migration, @Nullable Duration timeout) {
        this.migration = migration;
        this.timeout = timeout;
        this.timeoutNanos = timeout == null ? 0 : timeout.toNanos();
        this.threads = Thread.ofVirtual()
                .name("parallel-run:" + migration + ":new-read")
                .factory();
    }

    /** The caller was interrupted while it waited: neither the new side's failure nor a reason to fall back. */
    static final class CallerInterrupted extends CancellationException {
        private static final long serialVersionUID = 1L;

        CallerInterrupted(String migration) {
            super("migration '" + migration + "': interrupted while waiting for the new side's read");
        }
    }

    <R extends @Nullable Object> R call(Behavior<? extends R, ?> read) throws Throwable {
        Duration limit = timeout;
        if (limit == null) {
            return read.call();
        }
        FutureTask<R> task = new FutureTask<>(new Callable<R>() {
            @Override
            public R call() throws Exception {
                try {
                    return read.call();
                } catch (Throwable thrown) {
                    throw Sneaky.<Exception>rethrow(thrown); // FutureTask keeps any Throwable as it is
                }
            }
        });
        threads.newThread(task).start();
        try {
            try {
                return task.get(timeoutNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (task.cancel(true)) {
                    throw new ReadTimeoutException(migration, limit);
                }
                return task.get(); // it finished as the timeout passed
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause != null ? cause : e;
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new CallerInterrupted(migration);
        }
    }
}
