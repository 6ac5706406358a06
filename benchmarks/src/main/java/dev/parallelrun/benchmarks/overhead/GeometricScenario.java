package dev.parallelrun.benchmarks.overhead;

import dev.parallelrun.benchmarks.sampling.GeometricSampler;
import dev.parallelrun.benchmarks.workload.Order;
import dev.parallelrun.benchmarks.workload.Price;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link UnsampledScenario}'s experiment with a {@link GeometricSampler} instead of a random draw per call: primed
 * at a rate of 1 ({@value UnsampledScenario#PRIMING} sampled calls through {@code wrap}), then set to 1e-12, so the
 * countdown to the next sampled call outlasts any run. What is left of the decision is a decrement and a test.
 */
@State(Scope.Benchmark)
public class GeometricScenario {

    private volatile double rate = 1;
    private @Nullable RuntimeLaboratory laboratory;
    private Experiment<Price> experiment =
            Laboratory.noop().experiment("pricing-geometric", Price.class).build();
    Function<Order, Price> wrapped = Workload.LEGACY::price;

    /** Builds the laboratory and primes both paths of {@code wrap}. */
    @Setup(Level.Trial)
    public void build(Workload workload) {
        RuntimeLaboratory lab =
                RuntimeLaboratory.builder().closeTimeout(Duration.ofSeconds(2)).build();
        laboratory = lab;
        experiment = lab.experiment("pricing-geometric", Price.class)
                .sampler(new GeometricSampler(() -> rate))
                .build();
        wrapped = experiment.wrap(Workload.LEGACY::price, Workload.REWRITTEN::price);
        Order[] orders = workload.all();
        for (int i = 0; i < UnsampledScenario.PRIMING; i++) {
            Price unused = wrapped.apply(orders[i % orders.length]);
        }
        rate = UnsampledScenario.NEVER_IN_PRACTICE;
        Price unused = wrapped.apply(orders[0]); // the last sampled call: it draws the next gap at the new rate
        UnsampledScenario.awaitResults(experiment, UnsampledScenario.PRIMING + 1L);
    }

    /** Closes the laboratory and says how many measured calls were sampled (it should be none). */
    @TearDown(Level.Trial)
    public void close() {
        RuntimeLaboratory lab = laboratory;
        if (lab != null) {
            long sampled = experiment.stats().sampled() - UnsampledScenario.PRIMING - 1;
            System.out.println("\n[geometric] measured calls sampled: " + Math.max(0, sampled) + " (primed with "
                    + (UnsampledScenario.PRIMING + 1) + " sampled calls first)");
            lab.close();
        }
    }
}
