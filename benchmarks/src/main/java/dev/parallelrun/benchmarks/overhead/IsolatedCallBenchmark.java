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
 * What one sampled call that starts its candidate costs the caller, when nothing else is in flight: each
 * call waits (untimed) for the previous call's candidate to finish, as at a low sampling rate. In
 * {@link OverheadBenchmark} the sampled calls follow each other as fast as they can, so most of them find
 * {@code maxConcurrentCandidates} candidates running and take the cheaper skip path instead.
 *
 * <p>JMH times each call on its own here (the wait is an invocation-level set-up), which adds a clock read
 * to every figure: compare with this class's own {@link #direct}, not with {@link OverheadBenchmark}'s.
 * The method bodies are alike; {@link IsolatedScenario} builds what each method name asks for.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class IsolatedCallBenchmark {

    /** The baseline: the control called directly, timed the same way. */
    @Benchmark
    public Price direct(Workload workload, IsolatedScenario scenario) {
        return scenario.call.apply(workload.next());
    }

    /** The engine at 100% with the equal candidate, through {@code wrap}. */
    @Benchmark
    public Price engine(Workload workload, IsolatedScenario scenario) {
        return scenario.call.apply(workload.next());
    }

    /** The home-made version at 100% on the common pool. */
    @Benchmark
    public Price homeMadeCommonPool(Workload workload, IsolatedScenario scenario) {
        return scenario.call.apply(workload.next());
    }

    /** The home-made version at 100% on a virtual thread per candidate. */
    @Benchmark
    public Price homeMadeVirtualThreads(Workload workload, IsolatedScenario scenario) {
        return scenario.call.apply(workload.next());
    }
}
