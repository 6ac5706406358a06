package dev.parallelrun.experiment.migration;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a migration's timeline: the stage it started in, a change its stage source asked for, an automatic
 * rollback, or the acknowledgement of one. Kept by {@link Migration#history()} and handed to every publisher's
 * {@link dev.parallelrun.experiment.Publisher#publishStage(StageChange)}.
 *
 * @param migration the migration's name
 * @param from the stage before, or {@code null} for the first entry ({@link Cause#STARTED})
 * @param to the stage from this moment on
 * @param at when it happened, by the migration's clock
 * @param cause why it happened
 * @param trip what broke the rollback policy, for {@link Cause#ROLLBACK}; else {@code null}
 */
public record StageChange(
        String migration,
        @Nullable Stage from,
        Stage to,
        Instant at,
        Cause cause,
        @Nullable Trip trip) {

    /** Checks the parts: a trip goes with a rollback and only with it. */
    public StageChange {
        requireNonNull(migration, "migration");
        requireNonNull(to, "to");
        requireNonNull(at, "at");
        requireNonNull(cause, "cause");
        if ((cause == Cause.ROLLBACK) != (trip != null)) {
            throw new IllegalArgumentException("a trip goes with ROLLBACK and only with it: " + cause + ", " + trip);
        }
        if ((cause == Cause.STARTED) != (from == null)) {
            throw new IllegalArgumentException("only the STARTED entry has no previous stage: " + cause + ", " + from);
        }
    }

    /** Why a migration's stage changed. */
    public enum Cause {
        /** The migration was built, in the stage its source gave (OFF when it gave none). */
        STARTED,
        /** The stage source said so (a flag flip). */
        SOURCE,
        /** The rollback policy was broken while the new side served: back to SHADOW until acknowledged. */
        ROLLBACK,
        /** A person acknowledged the rollback: the stage source rules again ({@code from} and {@code to} may be equal). */
        ACKNOWLEDGED
    }

    /**
     * What made a migration roll back: the window of calls that broke its {@link RollbackPolicy}.
     *
     * @param criterion the limit that was broken
     * @param actual the window's figure: a rate in [0, 1] (failed calls over the window's {@code calls}), or the
     *     p99 ratio
     * @param limit the policy's limit it broke
     * @param calls the window's size: the policy's {@link RollbackPolicy#minCalls()}
     * @param detail the same in words, with the figures behind it
     */
    public record Trip(RollbackPolicy.Criterion criterion, double actual, double limit, long calls, String detail) {
        /** Checks the parts. */
        public Trip {
            requireNonNull(criterion, "criterion");
            requireNonNull(detail, "detail");
        }
    }

    /** True for an automatic rollback. */
    public boolean rollback() {
        return cause == Cause.ROLLBACK;
    }

    /** Why, in words: {@code "stage source said LIVE"}, or the rollback's detail. */
    public String reason() {
        return switch (cause) {
            case STARTED -> "started in " + to;
            case SOURCE -> "stage source said " + to;
            case ROLLBACK -> "rolled back: " + requireNonNull(trip).detail();
            case ACKNOWLEDGED -> "rollback acknowledged; stage source says " + to;
        };
    }

    /** One line: {@code 2026-03-01T10:00:00Z customer-store LIVE -> SHADOW (rolled back: ...)}. */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT, "%s %s %s%s (%s)", at, migration, from == null ? "" : from + " -> ", to, reason());
    }
}
