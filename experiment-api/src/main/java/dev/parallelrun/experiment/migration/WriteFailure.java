package dev.parallelrun.experiment.migration;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A write of the other side (the one written after the authoritative side succeeded) that failed. The caller never
 * saw it: its write succeeded. The two sides now disagree on {@link #key()} until a backfill repairs it, so each
 * failure is counted, kept by {@link Migration#writeFailures()} and handed to every publisher's
 * {@link dev.parallelrun.experiment.Publisher#publishWriteFailure(WriteFailure)}.
 *
 * @param migration the migration's name
 * @param key the call's key ({@link dev.parallelrun.experiment.Call#key()}), or {@code null} when the call had none
 * @param context the call's context entries; unmodifiable
 * @param side the side whose write failed
 * @param stage the stage the call ran in
 * @param at when the failure was caught, by the migration's clock
 * @param exception what the write threw (the raw object, for in-process use; publish {@link #describeException()})
 */
public record WriteFailure(
        String migration,
        @Nullable String key,
        Map<String, String> context,
        Side side,
        Stage stage,
        Instant at,
        Throwable exception) {

    /** Checks the parts and copies the context. */
    public WriteFailure {
        requireNonNull(migration, "migration");
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
        requireNonNull(side, "side");
        requireNonNull(stage, "stage");
        requireNonNull(at, "at");
        requireNonNull(exception, "exception");
    }

    /** {@code ClassName: message} of the exception (the class alone when it has no message), on one line. */
    public String describeException() {
        String message = exception.getMessage();
        String text = message == null
                ? exception.getClass().getName()
                : exception.getClass().getName() + ": " + message;
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    @Override
    public String toString() {
        return at + " " + migration + " " + side + " write failed in " + stage + " for key " + key + ": "
                + describeException();
    }
}
