package dev.parallelrun.benchmarks.peers;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The asynchronous parallel run a team writes by hand: the control's stage goes back to the caller as it is;
 * on a sampled share of calls, while fewer than {@code maxInFlight} candidates are in flight, the candidate runs
 * through {@code CompletableFuture.supplyAsync} on the executor, and {@code thenCombine} compares both values with
 * {@code equals} once both stages have completed. It counts what it did and publishes nothing.
 *
 * @param <A> the argument
 * @param <T> the value
 */
public final class HomeMadeAsyncParallelRun<A, T> extends HomeMadeRun<A, T> implements Function<A, CompletionStage<T>> {

    private final Function<? super A, ? extends CompletionStage<T>> control;
    private final LongAdder compared = new LongAdder();

    /**
     * @param control the old path, whose stage the caller gets
     * @param candidate the new path, run on {@code executor}
     * @param rate the share of calls that run the candidate, in [0, 1]
     * @param maxInFlight how many candidates may be in flight at once; past it a sampled call is skipped
     * @param executor where candidates run
     */
    public HomeMadeAsyncParallelRun(
            Function<? super A, ? extends CompletionStage<T>> control,
            Function<? super A, ? extends T> candidate,
            double rate,
            int maxInFlight,
            Executor executor) {
        super(candidate, rate, maxInFlight, executor);
        this.control = requireNonNull(control, "control");
    }

    @Override
    public CompletionStage<T> apply(A argument) {
        CompletionStage<T> stage = control.apply(argument);
        if (ThreadLocalRandom.current().nextDouble() < rate) {
            if (inFlight.tryAcquire()) {
                try {
                    CompletableFuture<T> candidateStage =
                            CompletableFuture.supplyAsync(() -> candidate.apply(argument), executor);
                    stage.thenCombine(candidateStage, Objects::equals).whenComplete(this::count);
                } catch (RejectedExecutionException e) {
                    inFlight.release();
                    skipped.increment();
                }
            } else {
                skipped.increment();
            }
        }
        return stage;
    }

    private void count(@Nullable Boolean equal, @Nullable Throwable failure) {
        try {
            if (failure != null || !Boolean.TRUE.equals(equal)) {
                mismatches.increment(); // a side that failed counts as a difference
            }
        } finally {
            compared.increment();
            inFlight.release();
        }
    }

    /** Candidates compared so far. */
    public long compared() {
        return compared.sum();
    }
}
