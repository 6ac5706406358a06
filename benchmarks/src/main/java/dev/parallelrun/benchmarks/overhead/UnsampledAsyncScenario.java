package dev.parallelrun.benchmarks.overhead;

import dev.parallelrun.benchmarks.workload.Order;
import dev.parallelrun.benchmarks.workload.Price;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Sampler;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * An experiment of the engine whose asynchronous calls are not sampled, set up as {@link UnsampledScenario} is:
 * a dynamic rate of 1 while {@value UnsampledScenario#PRIMING} calls through {@code runAsync} and as many through
 * {@code wrapAsync} prime both paths, then 1e-12, so that each measured call draws and none is sampled.
 */
@State(Scope.Benchmark)
public class UnsampledAsyncScenario {

    private volatile double rate = 1;
    private @Nullable RuntimeLaboratory laboratory;
    Experiment<Price> experiment =
            Laboratory.noop().experiment("pricing-async-unsampled", Price.class).build();
    Function<Order, CompletionStage<Price>> wrapped = Workload::legacyAsync;

    /** Builds the laboratory and primes both paths of {@code runAsync} and {@code wrapAsync}. */
    @Setup(Level.Trial)
    public void build(Workload workload) {
        RuntimeLaboratory lab =
                RuntimeLaboratory.builder().closeTimeout(Duration.ofSeconds(2)).build();
        laboratory = lab;
        experiment = lab.experiment("pricing-async-unsampled", Price.class)
                .sampler(Sampler.dynamic(() -> rate))
                .build();
        wrapped = experiment.wrapAsync(Workload::legacyAsync, Workload::rewrittenAsync);
        Order[] orders = workload.all();
        for (int i = 0; i < UnsampledScenario.PRIMING; i++) {
            Order order = orders[i % orders.length];
            CompletionStage<Price> unused = wrapped.apply(order);
            experiment.runAsync(() -> Workload.legacyAsync(order), () -> Workload.rewrittenAsync(order));
        }
        UnsampledScenario.awaitResults(experiment, 2L * UnsampledScenario.PRIMING);
        rate = UnsampledScenario.NEVER_IN_PRACTICE;
    }

    /** Closes the laboratory and says how many measured calls were sampled (it should be none). */
    @TearDown(Level.Trial)
    public void close() {
        RuntimeLaboratory lab = laboratory;
        if (lab != null) {
            long sampled = experiment.stats().sampled() - 2L * UnsampledScenario.PRIMING;
            System.out.println("\n[unsampled async] measured calls sampled: " + Math.max(0, sampled) + " (primed with "
                    + 2 * UnsampledScenario.PRIMING + " sampled calls first)");
            lab.close();
        }
    }
}
