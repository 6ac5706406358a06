package dev.parallelrun.experiment;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One parallel run: a control that keeps serving every caller and one or more candidates that run
 * beside it on a sampled share of calls. Built by {@link Laboratory#experiment(String, Class)}; safe to
 * share between threads; build it once and keep it.
 *
 * <p>What the caller may rely on:
 * <ol>
 *   <li>{@code run} returns the control's value, or throws the control's exception (the very same
 *       instance), whatever the candidates do. The control runs on the caller's own thread.</li>
 *   <li>An unsampled call runs the control and nothing else: no allocation, no thread, no clock read
 *       beyond the sampler's own.</li>
 *   <li>On a sampled call the candidates are handed over before the control starts, each to run on its own
 *       virtual thread (or the experiment's executor) with the caller's context carried over; the caller never
 *       starts or wakes a thread. {@code run} returns when the control is done and never waits for a candidate
 *       (except in strict mode). Comparison and publishing happen off the caller's thread.</li>
 *   <li>A candidate's deadline counts from the sampling of its call; past it the candidate is interrupted and
 *       counted as timed out, and one that had not started never runs. Past {@code maxConcurrentCandidates}, or
 *       while runaway candidates still run, a candidate is skipped and counted with its reason.</li>
 *   <li>A {@code null} control or candidate is a programming error: it is refused with a
 *       {@link NullPointerException} on the caller's thread before anything starts or is published.</li>
 *   <li>Nothing the experiment does (candidate, comparator, cleaner, sampler, publisher) ever reaches the
 *       caller, except in strict mode: a {@link MismatchException}, or an {@link IllegalStateException} when
 *       the experiment has expired or its result could not be published in time.</li>
 * </ol>
 *
 * <p>The control's value is compared (and, if a publisher asks, published) on another thread after
 * {@code run} has returned it: a caller that mutates the returned object races with that comparison. Return
 * immutable values, or values the caller does not change.
 *
 * {@snippet :
 * Price price = pricing.run(() -> legacy.price(order), () -> engine.price(order));
 *
 * // keyed, for sticky sampling and the report's context:
 * Price price = pricing.run(Call.keyed(order.customerId()).with("order", order.id()),
 *         () -> legacy.price(order), () -> engine.price(order));
 *
 * // as a drop-in for the method itself; nothing is captured per call:
 * Function<Order, Price> price = pricing.wrap(legacy::price, engine::price);
 * }
 *
 * @param <T> what the control and candidates return
 */
public interface Experiment<T extends @Nullable Object> {

    /** The experiment's name. */
    String name();

    /**
     * Runs the control and, on a sampled call, the candidate beside it.
     *
     * @return the control's value
     * @throws X the control's exception, unchanged
     */
    default <X extends Throwable> T run(Behavior<? extends T, X> control, Behavior<? extends T, ?> candidate) throws X {
        return run(Call.none(), control, candidate);
    }

    /**
     * Runs the control and, on a sampled call, the candidate beside it; {@code call} gives the key for
     * sticky sampling and the context shown in reports.
     *
     * @return the control's value
     * @throws X the control's exception, unchanged
     */
    <X extends Throwable> T run(Call call, Behavior<? extends T, X> control, Behavior<? extends T, ?> candidate)
            throws X;

    /**
     * Runs the control and, on a sampled call, every named candidate beside it, each on its own
     * virtual thread with its own outcome.
     *
     * @return the control's value
     * @throws X the control's exception, unchanged
     */
    <X extends Throwable> T run(Call call, Behavior<? extends T, X> control, Candidates<T> candidates) throws X;

    /**
     * As {@link #run(Call, Behavior, Candidates)} for a call without a key or context.
     *
     * @return the control's value
     * @throws X the control's exception, unchanged
     */
    default <X extends Throwable> T run(Behavior<? extends T, X> control, Candidates<T> candidates) throws X {
        return run(Call.none(), control, candidates);
    }

    /**
     * Runs an asynchronous control and, on a sampled call, the candidate beside it. The control's supplier runs on
     * the caller's thread; what it returns is what the caller gets: the very same stage (in strict mode, a stage
     * that completes like it once the result is checked). An unsampled call returns the control's stage as it is
     * and allocates nothing.
     *
     * <p>The candidate's supplier runs off the caller's thread, so one that blocks before returning its stage
     * cannot block the caller. Its deadline counts from the moment the call is sampled; past it, its stage is
     * cancelled where it can be and the candidate is {@link Outcome#TIMED_OUT}. Durations run from the call of each
     * supplier to the completion of its stage. Comparison and publishing happen once both stages have completed,
     * off the threads that completed them.
     *
     * {@snippet :
     * CompletionStage<Price> price = pricing.runAsync(
     *         () -> legacyClient.priceAsync(order),       // CompletableFuture<Price>
     *         () -> engineClient.priceAsync(order));
     * }
     *
     * @return the control's own stage
     * @throws X what the control's supplier threw, unchanged
     */
    default <X extends Throwable> CompletionStage<T> runAsync(
            Behavior<? extends CompletionStage<T>, X> control,
            Behavior<? extends CompletionStage<? extends T>, ?> candidate)
            throws X {
        return runAsync(Call.none(), control, candidate);
    }

    /**
     * As {@link #runAsync(Behavior, Behavior)}, with {@code call} giving the key and the context.
     *
     * @return the control's own stage
     * @throws X what the control's supplier threw, unchanged
     */
    <X extends Throwable> CompletionStage<T> runAsync(
            Call call,
            Behavior<? extends CompletionStage<T>, X> control,
            Behavior<? extends CompletionStage<? extends T>, ?> candidate)
            throws X;

    /**
     * As {@link #runAsync(Behavior, Behavior)}, with several named candidates.
     *
     * @return the control's own stage
     * @throws X what the control's supplier threw, unchanged
     */
    <X extends Throwable> CompletionStage<T> runAsync(
            Call call,
            Behavior<? extends CompletionStage<T>, X> control,
            Candidates<? extends CompletionStage<? extends T>> candidates)
            throws X;

    /**
     * A function that behaves as the asynchronous {@code control} and runs {@code candidate} beside it on sampled
     * calls (see {@link #runAsync(Behavior, Behavior)}). The behaviors are bound once.
     */
    <A extends @Nullable Object> Function<A, CompletionStage<T>> wrapAsync(
            Function<? super A, ? extends CompletionStage<T>> control,
            Function<? super A, ? extends CompletionStage<? extends T>> candidate);

    /**
     * A function that behaves as {@code control} and runs {@code candidate} beside it on sampled calls.
     * The behaviors are bound once: an unsampled call costs the direct call.
     */
    <A extends @Nullable Object> Function<A, T> wrap(
            Function<? super A, ? extends T> control, Function<? super A, ? extends T> candidate);

    /**
     * As {@link #wrap(Function, Function)}, with {@code call} giving each call's key and context (it is
     * asked on every call, so keep it cheap).
     */
    <A extends @Nullable Object> Function<A, T> wrap(
            Function<? super A, Call> call,
            Function<? super A, ? extends T> control,
            Function<? super A, ? extends T> candidate);

    /** A supplier that behaves as {@code control} and runs {@code candidate} beside it on sampled calls. */
    Supplier<T> wrap(Supplier<? extends T> control, Supplier<? extends T> candidate);

    /** The running statistics and readiness verdict, as of now. */
    ExperimentStats stats();

    /** Stops sampling this experiment's calls until {@link #resume()}: its kill switch. */
    void pause();

    /** Lets this experiment sample calls again after {@link #pause()}. */
    void resume();

    /** True while this experiment is paused (its own switch; see also {@link Laboratory#paused()}). */
    boolean paused();
}
