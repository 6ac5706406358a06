package dev.parallelrun.benchmarks.overhead;

import dev.parallelrun.benchmarks.peers.HomeMadeParallelRun;
import dev.parallelrun.benchmarks.workload.Order;
import dev.parallelrun.benchmarks.workload.Price;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One way of running the equal candidate at 100%, chosen by the name of the benchmark method that uses
 * it, called only once the previous call's candidate has run.
 * The wait happens in an invocation-level set-up, which JMH does not time. The public fields are JMH
 * counters: candidates run and skipped over the measured iterations (none should be skipped).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class IsolatedScenario {

    /** Candidates run during the measured iterations. */
    public long candidatesRun;
    /** Candidates skipped during the measured iterations: none, when every call waits for the last. */
    public long candidatesSkipped;

    Function<Order, Price> call = Workload.LEGACY::price;
    private LongSupplier finished = () -> Long.MAX_VALUE;
    private LongSupplier ran = () -> 0;
    private LongSupplier skipped = () -> 0;
    private long started;
    private long ranAtIterationStart;
    private long skippedAtIterationStart;
    private @Nullable RuntimeLaboratory laboratory;
    private @Nullable ExecutorService executor;

    /** Builds what the benchmark method named by {@code params} calls. */
    @Setup(Level.Trial)
    public void build(BenchmarkParams params) {
        String method = Scenarios.method(params);
        switch (method) {
            case "direct" -> call = Workload.LEGACY::price;
            case "engine" -> {
                RuntimeLaboratory lab = RuntimeLaboratory.builder()
                        .closeTimeout(Duration.ofSeconds(2))
                        .build();
                laboratory = lab;
                InFlight candidates = new InFlight();
                call = lab.experiment("pricing-isolated", Price.class)
                        .sampleRate(1.0)
                        .maxConcurrentCandidates(SampledScenario.MAX_CONCURRENT_CANDIDATES)
                        .build()
                        .wrap(Workload.LEGACY::price, candidates.track(Workload.REWRITTEN));
                // the same signal as the home-made version's: the candidate has run (publishing is not the
                // caller's business, and waiting for it would leave the machine idle between calls)
                finished = candidates::finished;
                ran = () -> lab.experiments().get(0).stats().total().ran();
                skipped = () -> lab.experiments().get(0).stats().count(Outcome.SKIPPED);
            }
            case "homeMadeCommonPool", "homeMadeVirtualThreads" -> {
                ExecutorService pool =
                        method.equals("homeMadeCommonPool") ? null : Executors.newVirtualThreadPerTaskExecutor();
                executor = pool;
                HomeMadeParallelRun<Order, Price> run = new HomeMadeParallelRun<>(
                        Workload.LEGACY::price,
                        Workload.REWRITTEN::price,
                        1.0,
                        SampledScenario.MAX_CONCURRENT_CANDIDATES,
                        pool != null ? pool : ForkJoinPool.commonPool());
                call = run;
                finished = () -> run.ran() + run.skipped();
                ran = run::ran;
                skipped = run::skipped;
            }
            default -> throw new IllegalStateException("no isolated scenario for benchmark method " + method);
        }
    }

    /** Waits, untimed, until the previous call's candidate is done. */
    @Setup(Level.Invocation)
    public void awaitIdle() {
        awaitFinished();
        started++;
    }

    private void awaitFinished() {
        Scenarios.awaitCandidates(finished, started);
    }

    /** Remembers the counts at the start of an iteration. */
    @Setup(Level.Iteration)
    public void markIteration() {
        ranAtIterationStart = ran.getAsLong();
        skippedAtIterationStart = skipped.getAsLong();
    }

    /** Sets the counters to what happened during the iteration. */
    @TearDown(Level.Iteration)
    public void countIteration() {
        awaitFinished(); // the last call's candidate belongs to this iteration
        candidatesRun = ran.getAsLong() - ranAtIterationStart;
        candidatesSkipped = skipped.getAsLong() - skippedAtIterationStart;
    }

    /** Closes what the trial built. */
    @TearDown(Level.Trial)
    public void close() {
        RuntimeLaboratory lab = laboratory;
        if (lab != null) {
            lab.close();
        }
        ExecutorService pool = executor;
        if (pool != null) {
            pool.close();
        }
    }
}
