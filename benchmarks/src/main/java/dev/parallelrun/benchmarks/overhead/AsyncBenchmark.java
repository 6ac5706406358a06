package dev.parallelrun.benchmarks.overhead;

import dev.parallelrun.benchmarks.workload.Order;
import dev.parallelrun.benchmarks.workload.Price;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Asynchronous experiments ({@code runAsync}, {@code wrapAsync}): the time a caller takes to get the control's
 * stage back, quoted as a ratio to {@link #direct}, which returns the control's stage itself. The control is
 * {@code CompletableFuture.completedFuture(legacy.price(order))}, the candidate the same with the equal engine.
 * Run with {@code -prof gc} for the bytes.
 *
 * <p>The sampled benchmarks are a closed loop, as in {@link OverheadBenchmark}: every call sampled, at most
 * {@value SampledScenario#MAX_CONCURRENT_CANDIDATES} candidates in flight, calls as fast as the caller can make
 * them, with the same counters (candidates run, skipped, compared per second).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AsyncBenchmark {

    /** The baseline: the control's stage, returned as it is. */
    @Benchmark
    public CompletionStage<Price> direct(Workload workload) {
        return Workload.legacyAsync(workload.next());
    }

    /** The engine, call not sampled, through {@code runAsync} with lambdas capturing the order. */
    @Benchmark
    public CompletionStage<Price> unsampledRunAsync(Workload workload, UnsampledAsyncScenario scenario) {
        Order order = workload.next();
        return scenario.experiment.runAsync(() -> Workload.legacyAsync(order), () -> Workload.rewrittenAsync(order));
    }

    /** The engine, call not sampled, through {@code wrapAsync}. */
    @Benchmark
    public CompletionStage<Price> unsampledWrapAsync(Workload workload, UnsampledAsyncScenario scenario) {
        return scenario.wrapped.apply(workload.next());
    }

    /** The engine at 100% through {@code runAsync}, the equal candidate's supplier run off the caller's thread. */
    @Benchmark
    public CompletionStage<Price> sampledRunAsync(
            Workload workload,
            SampledScenario scenario,
            SampledScenario.Counts counts,
            SampledScenario.Compared compared) {
        Order order = workload.next();
        return scenario.async.runAsync(
                () -> Workload.legacyAsync(order), () -> Workload.completed(scenario.asyncCandidate.apply(order)));
    }

    /**
     * The home-made version at 100%: the control's stage {@code thenCombine} the candidate's
     * {@code supplyAsync} on a virtual thread per candidate, compared with {@code equals}.
     */
    @Benchmark
    public CompletionStage<Price> homeMadeThenCombine(
            Workload workload,
            HomeMadeScenario scenario,
            HomeMadeScenario.Counts counts,
            HomeMadeScenario.Compared compared) {
        return scenario.thenCombine.apply(workload.next());
    }
}
