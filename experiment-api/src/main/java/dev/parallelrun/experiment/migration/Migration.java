package dev.parallelrun.experiment.migration;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.Behavior;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Readiness;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One migration from an old side to a new one (a store, a service, a code path), walked stage by stage: dual
 * writes, shadow reads, cutover with a fallback, ramp-down, completion. Built by
 * {@link dev.parallelrun.experiment.Laboratory#migration(String, Class)}; safe to share between threads; build it
 * once per store and route every read and write of that store through it, so they share one stage, one rollback and
 * one readiness verdict.
 *
 * {@snippet :
 * Migration<Customer> customers = lab.migration("customer-store", Customer.class)
 *         .stage(() -> Stage.parse(flags.string("customer-store-stage")))
 *         .reads(options -> options.sampleRate(0.05).ignorePaths("/updatedAt"))
 *         .build();
 *
 * Customer customer = customers.read(Call.keyed(id), () -> legacy.find(id), () -> modern.find(id));
 * long version = customers.write(Call.keyed(customer.id()),
 *         () -> legacy.save(customer), () -> modern.save(customer));
 * }
 *
 * <p>What the caller may rely on:
 * <ol>
 *   <li>The stage source is read once per call, on the caller's thread, and decides the whole call: a flag flip
 *       takes effect on the next call. A source that throws or returns {@code null} keeps the last stage it gave
 *       ({@link Stage#OFF} before any) and is counted.</li>
 *   <li>A read returns the serving side's value ({@link Stage#serves()}), or throws its exception, the very same
 *       instance. The other side's compared read (SHADOW, LIVE, on sampled calls) runs as an experiment's candidate:
 *       nothing it does reaches the caller.</li>
 *   <li>In LIVE and RAMP_DOWN (unless turned off), a new-side read that throws, or passes the read timeout when one
 *       is set, is answered by the old side on the caller's thread. The failure still counts against the new side.
 *       When the old side fails too, the caller gets the new side's exception with the old side's attached
 *       ({@link Throwable#getSuppressed()}). There is no fallback in COMPLETE, nor for writes.</li>
 *   <li>A write runs the authoritative side ({@link Stage#authoritative()}) on the caller's thread and returns its
 *       value or throws its very exception. The other side is written only after the authoritative write succeeded,
 *       and by default on the caller's thread before {@code write} returns, so two writes of one key reach both sides
 *       in the order they were made. A failure of the other write never reaches the caller: it is counted, kept with
 *       the call's key ({@link #writeFailures()}) and published.</li>
 *   <li>While the new side serves (LIVE, RAMP_DOWN), a window of calls that breaks the {@link RollbackPolicy} moves
 *       the migration back to SHADOW by itself: the old side serves again and both sides are still written. It stays
 *       there, whatever the stage source says, until {@link #acknowledgeRollback()}.</li>
 *   <li>The migration never moves forward by itself: {@link #readiness()} says whether SHADOW may advance to
 *       LIVE, and a person flips the flag.</li>
 * </ol>
 *
 * @param <R> what reads return: the type the read comparisons see
 */
public interface Migration<R extends @Nullable Object> {

    /** The migration's name. */
    String name();

    /**
     * Reads through the side the stage serves from, comparing the other side on sampled calls as the stage says.
     *
     * @param call the key (for sticky sampling, reports) and context of this read
     * @param oldSide the old side's read
     * @param newSide the new side's read
     * @return the serving side's value (the old side's, when it answered a failed new read)
     * @throws X the serving side's exception, unchanged; in LIVE and RAMP_DOWN when the fallback failed too, the new
     *     side's exception (or a {@link ReadTimeoutException}) with the old side's attached
     */
    <X extends Throwable> R read(
            Call call, Behavior<? extends R, ? extends X> oldSide, Behavior<? extends R, ? extends X> newSide) throws X;

    /**
     * Writes the authoritative side, then, if it succeeded and the stage writes both, the other side.
     *
     * @param call the key of what is written: it is kept and published with a failure of the other write, so a
     *     backfill can repair that key
     * @param oldSide the old side's write
     * @param newSide the new side's write
     * @return the authoritative side's value
     * @throws X the authoritative side's exception, unchanged (the other side is then not written)
     */
    <V extends @Nullable Object, X extends Throwable> V write(
            Call call, Behavior<? extends V, ? extends X> oldSide, Behavior<? extends V, ? extends X> newSide) throws X;

    /**
     * A read pair bound once: a function that reads {@code K -> R} through {@link #read}, with its argument as the
     * call's key ({@link Call#none()} for a {@code null} argument).
     */
    default <K extends @Nullable Object> Function<K, R> reader(
            Function<? super K, ? extends R> oldSide, Function<? super K, ? extends R> newSide) {
        requireNonNull(oldSide, "oldSide");
        requireNonNull(newSide, "newSide");
        return key ->
                read(key == null ? Call.none() : Call.keyed(key), () -> oldSide.apply(key), () -> newSide.apply(key));
    }

    /**
     * A write pair bound once: a function that writes {@code W -> V} through {@link #write}, with {@code key} of its
     * argument as the call's key ({@link Call#none()} when it gives {@code null}).
     */
    default <W extends @Nullable Object, V extends @Nullable Object> Function<W, V> writer(
            Function<? super W, ? extends @Nullable Object> key,
            Function<? super W, ? extends V> oldSide,
            Function<? super W, ? extends V> newSide) {
        requireNonNull(key, "key");
        requireNonNull(oldSide, "oldSide");
        requireNonNull(newSide, "newSide");
        return value -> {
            Object k = key.apply(value);
            return write(
                    k == null ? Call.none() : Call.keyed(k), () -> oldSide.apply(value), () -> newSide.apply(value));
        };
    }

    /** The stage in effect: the one the latest call ran in (SHADOW while a rollback awaits acknowledgement). */
    Stage stage();

    /** The automatic rollback awaiting acknowledgement, or {@code null} when there is none. */
    @Nullable
    StageChange rollback();

    /**
     * Ends a rollback: the stage source rules again from now on (it is read at once, and the change is recorded
     * with {@link StageChange.Cause#ACKNOWLEDGED}). Set the flag to where the migration should be before
     * acknowledging: a flag still at LIVE puts the new side back in service at once.
     *
     * @return false when there was no rollback to acknowledge
     */
    boolean acknowledgeRollback();

    /**
     * Whether the migration may advance from SHADOW to LIVE, and if not, why: the read comparisons of the current
     * SHADOW period judged as for an experiment (samples, mismatch rate, new-side error rate, p99 latency, skipped
     * share), the new side's write failures in that period, no rollback awaiting acknowledgement, and a minimum time
     * in SHADOW (a business cycle). A SHADOW period starts when the migration enters SHADOW and again when a rollback
     * is acknowledged; its latency percentiles are the SHADOW experiment's whole history. Advancing stays a person's
     * decision.
     */
    Readiness readiness();

    /** The running counts, as of now. */
    MigrationStats stats();

    /** The timeline, oldest first: the stage it started in, then every change (the latest 1,000); unmodifiable. */
    List<StageChange> history();

    /**
     * Failed writes of the other side, oldest first (the latest 1,000; {@link MigrationStats#writeFailures()}
     * counts them all); unmodifiable.
     */
    List<WriteFailure> writeFailures();
}
