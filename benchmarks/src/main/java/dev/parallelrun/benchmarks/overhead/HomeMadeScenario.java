package dev.parallelrun.benchmarks.overhead;

import dev.parallelrun.benchmarks.peers.HomeMadeParallelRun;
import dev.parallelrun.benchmarks.workload.Order;
import dev.parallelrun.benchmarks.workload.Price;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The home-made parallel run at 100% with the equal candidate, bounded like the engine (at most
 * {@value SampledScenario#MAX_CONCURRENT_CANDIDATES} in flight), on the common pool and on a virtual thread
 * per task. The public fields are JMH counters, as in {@link SampledScenario}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class HomeMadeScenario {

    /** Candidates run during the measured iterations. */
    public long candidatesRun;
    /** Sampled calls whose candidate was not run because the semaphore was exhausted. */
    public long candidatesSkipped;
    /** Candidates whose value differed from the control's. */
    public long mismatches;

    private final InFlight inFlight = new InFlight();
    private @Nullable ExecutorService virtualThreads;
    private long[] atIterationStart = new long[3];
    private List<HomeMadeParallelRun<Order, Price>> runs = List.of();
    HomeMadeParallelRun<Order, Price> commonPool = new HomeMadeParallelRun<>(Workload.LEGACY::price,
            Workload.REWRITTEN::price, 1.0, 1, Runnable::run);
    HomeMadeParallelRun<Order, Price> virtual = commonPool;

    /** Builds both variants. */
    @Setup(Level.Trial)
    public void build() {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        virtualThreads = executor;
        commonPool = new HomeMadeParallelRun<>(Workload.LEGACY::price, inFlight.track(Workload.REWRITTEN), 1.0,
                SampledScenario.MAX_CONCURRENT_CANDIDATES, ForkJoinPool.commonPool());
        virtual = new HomeMadeParallelRun<>(Workload.LEGACY::price, inFlight.track(Workload.REWRITTEN), 1.0,
                SampledScenario.MAX_CONCURRENT_CANDIDATES, executor);
        runs = List.of(commonPool, virtual);
    }

    /** Remembers the counts at the start of an iteration. */
    @Setup(Level.Iteration)
    public void markIteration() {
        atIterationStart = totals();
    }

    /** Sets the counters to what happened during the iteration. */
    @TearDown(Level.Iteration)
    public void countIteration() {
        long[] now = totals();
        candidatesRun = now[0] - atIterationStart[0];
        candidatesSkipped = now[1] - atIterationStart[1];
        mismatches = now[2] - atIterationStart[2];
    }

    private long[] totals() {
        long[] sums = new long[3];
        for (HomeMadeParallelRun<Order, Price> run : runs) {
            sums[0] += run.ran();
            sums[1] += run.skipped();
            sums[2] += run.mismatches();
        }
        return sums;
    }

    /** Prints the totals and stops the virtual-thread executor. */
    @TearDown(Level.Trial)
    public void report(BenchmarkParams params) {
        long[] all = totals();
        System.out.println("\n[" + params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1) + "]"
                + " candidates ran " + all[0] + ", skipped " + all[1] + ", mismatches " + all[2] + "; at most "
                + inFlight.peak() + " ran at once (cap " + SampledScenario.MAX_CONCURRENT_CANDIDATES + ")");
        ExecutorService executor = virtualThreads;
        if (executor != null) {
            executor.close();
        }
    }
}
