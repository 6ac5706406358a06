package dev.parallelrun.benchmarks.peers;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * What the two home-made parallel runs hold alike: the candidate, the share of calls that run it, the semaphore that
 * bounds the candidates in flight, the executor they run on, and the counts of skipped calls and mismatches. Each
 * subclass's {@code apply} is the whole of what its caller runs, written out as a team would write it.
 *
 * @param <A> the argument
 * @param <T> the candidate's value
 */
public abstract sealed class HomeMadeRun<A, T> permits HomeMadeParallelRun, HomeMadeAsyncParallelRun {

    protected final Function<? super A, ? extends T> candidate;
    protected final double rate;
    protected final Semaphore inFlight;
    protected final Executor executor;
    protected final LongAdder skipped = new LongAdder();
    protected final LongAdder mismatches = new LongAdder();

    /**
     * @param candidate the new path, run on {@code executor}
     * @param rate the share of calls that run the candidate, in [0, 1]
     * @param maxInFlight how many candidates may be in flight at once; past it a sampled call is skipped
     * @param executor where candidates run
     */
    protected HomeMadeRun(Function<? super A, ? extends T> candidate, double rate, int maxInFlight, Executor executor) {
        this.candidate = requireNonNull(candidate, "candidate");
        this.rate = rate;
        this.inFlight = new Semaphore(maxInFlight);
        this.executor = requireNonNull(executor, "executor");
    }

    /** Sampled calls whose candidate was not run because {@code maxInFlight} were in flight. */
    public long skipped() {
        return skipped.sum();
    }

    /** Candidates whose value was not equal to the control's, or that failed. */
    public long mismatches() {
        return mismatches.sum();
    }
}
