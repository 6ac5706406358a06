package dev.parallelrun.experiment.migration;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The new side's read did not finish within the migration's read timeout while it served (see
 * {@link MigrationBuilder#readTimeout(Duration)}). The call fell back to the old side; a caller sees this exception
 * only when the old side failed too, and then with the old side's exception attached as suppressed.
 */
public final class ReadTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    /** The read of migration {@code migration} took longer than {@code timeout}. */
    public ReadTimeoutException(String migration, Duration timeout) {
        super("migration '" + requireNonNull(migration, "migration") + "': the new side's read took longer than "
                + requireNonNull(timeout, "timeout"));
        this.timeout = timeout;
    }

    /** The timeout that passed. */
    public Duration timeout() {
        return timeout;
    }
}
