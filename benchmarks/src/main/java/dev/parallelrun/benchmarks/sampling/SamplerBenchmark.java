package dev.parallelrun.benchmarks.sampling;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Sampler;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One sampling decision at a 5% rate, on its own, in ns: the part of an unsampled call that is not the control.
 * {@link #threadLocalRandom} is the draw the stock samplers and the home-made {@code if (random < rate)} make;
 * {@link #fixedRate} and {@link #dynamicRate} are the stock samplers ({@code Sampler.fixed(0.05)},
 * {@code Sampler.dynamic(() -> rate)}); {@link #geometric} counts down a gap drawn on sampled calls only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SamplerBenchmark {

    private static final String EXPERIMENT = "pricing";
    private static final double RATE = 0.05;

    private final Call call = Call.none();
    private volatile double rate = RATE;
    private final Sampler fixed = Sampler.fixed(RATE);
    private final Sampler dynamic = Sampler.dynamic(() -> rate);
    private final Sampler geometric = new GeometricSampler(() -> rate);

    /** {@code ThreadLocalRandom.current().nextDouble() < rate}, the rate a plain field. */
    @Benchmark
    public boolean threadLocalRandom() {
        return ThreadLocalRandom.current().nextDouble() < RATE;
    }

    /** The stock fixed-rate sampler. */
    @Benchmark
    public boolean fixedRate() {
        return fixed.sample(EXPERIMENT, call);
    }

    /** The stock dynamic sampler: the rate read from a volatile through a supplier, then the draw. */
    @Benchmark
    public boolean dynamicRate() {
        return dynamic.sample(EXPERIMENT, call);
    }

    /** The countdown: a decrement and a test on most calls, a draw on the sampled ones. */
    @Benchmark
    public boolean geometric() {
        return geometric.sample(EXPERIMENT, call);
    }
}
