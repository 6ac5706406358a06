package dev.parallelrun.benchmarks.peers;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The parallel run a team writes by hand instead of using a library: the control on the caller's thread,
 * then, on a sampled share of calls and while fewer than {@code maxInFlight} comparisons are running,
 * the candidate and an {@code equals} comparison handed to an executor. It counts what it did and
 * publishes nothing, which is what such code usually does on its first day.
 *
 * @param <A> the argument
 * @param <T> the value
 */
public final class HomeMadeParallelRun<A, T> extends HomeMadeRun<A, T> implements Function<A, T> {

    private final Function<? super A, ? extends T> control;
    private final LongAdder ran = new LongAdder();

    /**
     * @param control the old path, whose value the caller gets
     * @param candidate the new path, compared off the caller's thread
     * @param rate the share of calls that run the candidate, in [0, 1]
     * @param maxInFlight how many candidates may run at once; past it a sampled call is skipped
     * @param executor where candidates and comparisons run
     */
    public HomeMadeParallelRun(
            Function<? super A, ? extends T> control,
            Function<? super A, ? extends T> candidate,
            double rate,
            int maxInFlight,
            Executor executor) {
        super(candidate, rate, maxInFlight, executor);
        this.control = requireNonNull(control, "control");
    }

    @Override
    public T apply(A argument) {
        T value = control.apply(argument);
        if (ThreadLocalRandom.current().nextDouble() < rate) {
            if (inFlight.tryAcquire()) {
                try {
                    // fire and forget, as hand-written parallel runs do: what escapes compare is lost with it
                    CompletableFuture<Void> unused =
                            CompletableFuture.runAsync(() -> compare(argument, value), executor);
                } catch (RejectedExecutionException e) {
                    inFlight.release();
                    skipped.increment();
                }
            } else {
                skipped.increment();
            }
        }
        return value;
    }

    private void compare(A argument, T controlValue) {
        try {
            T candidateValue = candidate.apply(argument);
            if (!Objects.equals(controlValue, candidateValue)) {
                mismatches.increment();
            }
        } catch (RuntimeException e) {
            mismatches.increment(); // the candidate threw where the control returned
        } finally {
            ran.increment();
            inFlight.release();
        }
    }

    /** Candidates run so far. */
    public long ran() {
        return ran.sum();
    }
}
