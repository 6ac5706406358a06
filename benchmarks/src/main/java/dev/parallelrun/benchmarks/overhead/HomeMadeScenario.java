package dev.parallelrun.benchmarks.overhead;

import dev.parallelrun.benchmarks.peers.HomeMadeAsyncParallelRun;
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
 * per task, and the asynchronous version ({@code thenCombine}) on a virtual thread per candidate.
 * {@link Counts} and {@link Compared} count for JMH, as {@link SampledScenario}'s do; each compare task counts
 * itself.
 *
 * <p>Shared by the benchmark ({@code Scope.Benchmark}): JMH gives every state that depends on a thread-scoped
 * state an instance of its own, and the counters must read the one the benchmark calls.
 */
@State(Scope.Benchmark)
public class HomeMadeScenario {

    private final InFlight inFlight = new InFlight();
    private @Nullable ExecutorService virtualThreads;
    private List<HomeMadeParallelRun<Order, Price>> runs = List.of();
    HomeMadeParallelRun<Order, Price> commonPool =
            new HomeMadeParallelRun<>(Workload.LEGACY::price, Workload.REWRITTEN::price, 1.0, 1, Runnable::run);
    HomeMadeParallelRun<Order, Price> virtual = commonPool;
    HomeMadeAsyncParallelRun<Order, Price> thenCombine =
            new HomeMadeAsyncParallelRun<>(Workload::legacyAsync, Workload.REWRITTEN::price, 1.0, 1, Runnable::run);

    /** Builds the three variants. */
    @Setup(Level.Trial)
    public void build() {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        virtualThreads = executor;
        commonPool = new HomeMadeParallelRun<>(
                Workload.LEGACY::price,
                inFlight.track(Workload.REWRITTEN),
                1.0,
                SampledScenario.MAX_CONCURRENT_CANDIDATES,
                ForkJoinPool.commonPool());
        virtual = new HomeMadeParallelRun<>(
                Workload.LEGACY::price,
                inFlight.track(Workload.REWRITTEN),
                1.0,
                SampledScenario.MAX_CONCURRENT_CANDIDATES,
                executor);
        thenCombine = new HomeMadeAsyncParallelRun<>(
                Workload::legacyAsync,
                inFlight.track(Workload.REWRITTEN),
                1.0,
                SampledScenario.MAX_CONCURRENT_CANDIDATES,
                executor);
        runs = List.of(commonPool, virtual);
    }

    /** Candidates compared, skipped and mismatched so far, summed over the variants (a trial uses one). */
    long[] totals() {
        long[] sums = {thenCombine.compared(), thenCombine.skipped(), thenCombine.mismatches()};
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
        System.out.println("\n[" + Scenarios.method(params) + "]"
                + " candidates ran " + all[0] + ", skipped " + all[1] + ", mismatches " + all[2] + "; at most "
                + inFlight.peak() + " ran at once (cap " + SampledScenario.MAX_CONCURRENT_CANDIDATES + ")");
        ExecutorService executor = virtualThreads;
        if (executor != null) {
            executor.close();
        }
    }

    /** JMH counters of what the home-made version did, summed over the measured iterations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {

        /** Candidates run and compared during the measured iterations. */
        public long candidatesRun;
        /** Sampled calls whose candidate was not run because the semaphore was exhausted. */
        public long candidatesSkipped;
        /** Candidates whose value differed from the control's. */
        public long mismatches;

        private long[] atIterationStart = new long[3];

        /** Remembers the counts at the start of an iteration. */
        @Setup(Level.Iteration)
        public void mark(HomeMadeScenario scenario) {
            atIterationStart = scenario.totals();
        }

        /** Sets the counters to what happened during the iteration. */
        @TearDown(Level.Iteration)
        public void count(HomeMadeScenario scenario) {
            long[] now = scenario.totals();
            candidatesRun = now[0] - atIterationStart[0];
            candidatesSkipped = now[1] - atIterationStart[1];
            mismatches = now[2] - atIterationStart[2];
        }
    }

    /**
     * The home-made version's candidates compared during each iteration: a JMH counter of type
     * {@code OPERATIONS}, which JMH divides by the iteration's time, so it is a rate (in {@code AverageTime} mode
     * JMH prints its inverse, the time per comparison, and the result table turns it back into comparisons per
     * second).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Compared {

        /** Candidates compared during the iteration: matched, mismatched, ignored or failed to compare. */
        public long compared;

        private long atIterationStart;

        /** Remembers the total when an iteration starts. */
        @Setup(Level.Iteration)
        public void mark(HomeMadeScenario scenario) {
            atIterationStart = scenario.totals()[0];
        }

        /** What the iteration compared. */
        @TearDown(Level.Iteration)
        public void count(HomeMadeScenario scenario) {
            compared = scenario.totals()[0] - atIterationStart;
        }
    }
}
