package dev.parallelrun.benchmarks.overhead;

import dev.parallelrun.benchmarks.workload.Order;
import dev.parallelrun.benchmarks.workload.Price;
import dev.parallelrun.benchmarks.workload.PricingEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time a caller waits for one priced order, through each way of running an experiment, in one run so
 * each can be quoted as a ratio to {@link #direct}. Run with {@code -prof gc} for the bytes each call
 * allocates ({@code gc.alloc.rate.norm}).
 *
 * <p>Sampled benchmarks measure the caller's side only: the candidate runs on another thread and may still
 * be running when the call returns. On a small machine those threads compete with the caller for the
 * CPU, which is part of what a sampled call costs there.
 *
 * <p>The closed-loop variants (every call sampled, at most {@value SampledScenario#MAX_CONCURRENT_CANDIDATES}
 * candidates in flight: {@code sampled*} and {@code homeMade*}) also count the candidates actually compared during
 * each iteration, the {@code compared} counter: the other half of their figure, since a caller that returns fast by
 * skipping most candidates compares few of them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class OverheadBenchmark {

    /** The baseline: the control called directly. */
    @Benchmark
    public Price direct(Workload workload) {
        return Workload.LEGACY.price(workload.next());
    }

    /** The slow candidate called directly: what "a hundred times slower" means. */
    @Benchmark
    public Price slowCandidateAlone(Workload workload) {
        return Workload.SLOW.price(workload.next());
    }

    /** {@code Laboratory.noop()}, through {@code wrap}. */
    @Benchmark
    public Price noopWrap(Workload workload, NoopScenario scenario) {
        return scenario.wrapped.apply(workload.next());
    }

    /** {@code Laboratory.noop()}, through {@code run} with lambdas capturing the order and the engines. */
    @Benchmark
    public Price noopRun(Workload workload, NoopScenario scenario) {
        Order order = workload.next();
        PricingEngine legacy = Workload.LEGACY;
        PricingEngine rewritten = Workload.REWRITTEN;
        return scenario.experiment.run(() -> legacy.price(order), () -> rewritten.price(order));
    }

    /** The engine, call not sampled, through {@code wrap}. */
    @Benchmark
    public Price unsampledWrap(Workload workload, UnsampledScenario scenario) {
        return scenario.wrapped.apply(workload.next());
    }

    /** The engine, call not sampled, through {@code run} with lambdas capturing the order and the engines. */
    @Benchmark
    public Price unsampledRun(Workload workload, UnsampledScenario scenario) {
        Order order = workload.next();
        PricingEngine legacy = Workload.LEGACY;
        PricingEngine rewritten = Workload.REWRITTEN;
        return scenario.experiment.run(() -> legacy.price(order), () -> rewritten.price(order));
    }

    /**
     * The engine, call not sampled, through {@code wrap}, with a {@code GeometricSampler}: a countdown instead of a
     * random draw per call.
     */
    @Benchmark
    public Price unsampledWrapGeometric(Workload workload, GeometricScenario scenario) {
        return scenario.wrapped.apply(workload.next());
    }

    /** The engine at 100% with an equal candidate: what the caller waits. */
    @Benchmark
    public Price sampledEqual(
            Workload workload,
            SampledScenario scenario,
            SampledScenario.Counts counts,
            SampledScenario.Compared compared) {
        return scenario.equal.apply(workload.next());
    }

    /** The engine at 100% with a candidate that mismatches on some orders: what the caller waits. */
    @Benchmark
    public Price sampledMismatching(
            Workload workload,
            SampledScenario scenario,
            SampledScenario.Counts counts,
            SampledScenario.Compared compared) {
        return scenario.mismatching.apply(workload.next());
    }

    /** The engine at 100% with a candidate a hundred times slower: what the caller waits. */
    @Benchmark
    public Price sampledSlow(
            Workload workload,
            SampledScenario scenario,
            SampledScenario.Counts counts,
            SampledScenario.Compared compared) {
        return scenario.slow.apply(workload.next());
    }

    /** Scientist4J's {@code run}: control and candidate one after the other on the caller's thread. */
    @Benchmark
    public Price scientist4jRun(Workload workload, Scientist4jScenario scenario) throws Exception {
        Order order = workload.next();
        PricingEngine legacy = Workload.LEGACY;
        PricingEngine rewritten = Workload.REWRITTEN;
        return scenario.experiment.run(() -> legacy.price(order), () -> rewritten.price(order));
    }

    /** Scientist4J's {@code runAsync}: both on its executor, the caller waiting for the control. */
    @Benchmark
    public Price scientist4jRunAsync(Workload workload, Scientist4jScenario scenario) throws Exception {
        Order order = workload.next();
        PricingEngine legacy = Workload.LEGACY;
        PricingEngine rewritten = Workload.REWRITTEN;
        return scenario.experiment.runAsync(() -> legacy.price(order), () -> rewritten.price(order));
    }

    /** The home-made version at 100% on the common pool. */
    @Benchmark
    public Price homeMadeCommonPool(
            Workload workload,
            HomeMadeScenario scenario,
            HomeMadeScenario.Counts counts,
            HomeMadeScenario.Compared compared) {
        return scenario.commonPool.apply(workload.next());
    }

    /** The home-made version at 100% on a virtual thread per candidate. */
    @Benchmark
    public Price homeMadeVirtualThreads(
            Workload workload,
            HomeMadeScenario scenario,
            HomeMadeScenario.Counts counts,
            HomeMadeScenario.Compared compared) {
        return scenario.virtual.apply(workload.next());
    }
}
