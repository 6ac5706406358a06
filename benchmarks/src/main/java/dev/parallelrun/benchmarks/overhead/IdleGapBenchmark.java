package dev.parallelrun.benchmarks.overhead;

import dev.parallelrun.benchmarks.workload.Price;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one sampled call costs the caller in a quiet service: one call after each idle gap ({@code gap}: 2 ms or
 * 40 ms of sleep, in an untimed invocation-level set-up, once the previous call's candidate has run). JMH times each
 * call on its own ({@code SingleShotTime}, one call per iteration) and reports the distribution of those times:
 * the mean as the score, and the percentiles (p50, p99) in the JSON result, which the result table prints.
 *
 * <p>After a gap, whatever the call needs is cold or asleep: caches, the branch predictor, and the threads that
 * run the candidate. The engine's caller hands its call to the laboratory's dispatcher thread; the home-made
 * versions start (or wake) a pool thread or a carrier thread on the caller's own thread. Every variant is primed
 * first ({@value IdleGapScenario#PRIMING} calls in set-up), so the code is compiled as in a service that has run a
 * while.
 *
 * <p>The trial's tear-down prints how long each candidate waited to start after the gap (from the end of the
 * set-up to the candidate's first instruction, p50 and p99, measured shots only), for the engine also the
 * experiment's own {@code schedulingDelay}, and the CPU the laboratory's threads used over an idle second.
 * The method bodies are alike; {@link IdleGapScenario} builds what each method name asks for.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 100)
@Measurement(iterations = 1_000)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class IdleGapBenchmark {

    /** The baseline: the control called directly after the gap. */
    @Benchmark
    public Price direct(Workload workload, IdleGapScenario scenario) {
        return scenario.call.apply(workload.next());
    }

    /** The engine at 100% with the equal candidate, through {@code wrap}. */
    @Benchmark
    public Price engine(Workload workload, IdleGapScenario scenario) {
        return scenario.call.apply(workload.next());
    }

    /** The home-made version at 100% on the common pool. */
    @Benchmark
    public Price homeMadeCommonPool(Workload workload, IdleGapScenario scenario) {
        return scenario.call.apply(workload.next());
    }

    /** The home-made version at 100% on a virtual thread per candidate. */
    @Benchmark
    public Price homeMadeVirtualThreads(Workload workload, IdleGapScenario scenario) {
        return scenario.call.apply(workload.next());
    }
}
