package dev.parallelrun.benchmarks.overhead;

import dev.parallelrun.benchmarks.workload.Order;
import dev.parallelrun.benchmarks.workload.Price;
import dev.parallelrun.benchmarks.workload.PricingEngine;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Sampler;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * An experiment of the engine whose calls are not sampled, as the 95% of calls of a 5% experiment are.
 *
 * <p>Its sampler draws a random number on every call, like a fixed rate, at a rate so small (1e-12) that
 * no measured call is sampled. Before that, set-up runs {@value #PRIMING} calls at a rate of 1: a branch
 * the JIT has never seen taken is compiled as a trap, which would hide whatever the sampled path costs the
 * unsampled one (a lambda that escapes into it, say). Primed, the compiled code has the shape it has in
 * production, where both paths run.
 */
@State(Scope.Benchmark)
public class UnsampledScenario {

    static final int PRIMING = 20_000;
    static final double NEVER_IN_PRACTICE = 1e-12;

    private volatile double rate = 1;
    private @Nullable RuntimeLaboratory laboratory;
    Experiment<Price> experiment =
            Laboratory.noop().experiment("pricing-unsampled", Price.class).build();
    Function<Order, Price> wrapped = Workload.LEGACY::price;

    /** Builds the laboratory and primes both paths of {@code wrap} and {@code run}. */
    @Setup(Level.Trial)
    public void build(Workload workload) {
        RuntimeLaboratory lab =
                RuntimeLaboratory.builder().closeTimeout(Duration.ofSeconds(2)).build();
        laboratory = lab;
        experiment = lab.experiment("pricing-unsampled", Price.class)
                .sampler(Sampler.dynamic(() -> rate))
                .build();
        wrapped = experiment.wrap(Workload.LEGACY::price, Workload.REWRITTEN::price);
        PricingEngine legacy = Workload.LEGACY;
        PricingEngine rewritten = Workload.REWRITTEN;
        Order[] orders = workload.all();
        for (int i = 0; i < PRIMING; i++) {
            Order order = orders[i % orders.length];
            Price unused = wrapped.apply(order);
            experiment.run(() -> legacy.price(order), () -> rewritten.price(order));
        }
        awaitResults(experiment, 2L * PRIMING);
        rate = NEVER_IN_PRACTICE;
    }

    /**
     * Waits (at most 30 s) until {@code experiment} has made a result of every primed call: its statistics count
     * results whether or not a publisher takes them.
     */
    static void awaitResults(Experiment<?> experiment, long expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() - deadline < 0) {
            if (experiment.stats().sampled() >= expected) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        throw new IllegalStateException("experiment '" + experiment.name() + "': "
                + experiment.stats().sampled() + " of " + expected + " primed calls made a result within 30 s");
    }

    /** Closes the laboratory and says how many measured calls were sampled (it should be none). */
    @TearDown(Level.Trial)
    public void close() {
        RuntimeLaboratory lab = laboratory;
        if (lab != null) {
            long sampled = experiment.stats().sampled() - 2L * PRIMING;
            System.out.println("\n[unsampled] measured calls sampled: " + Math.max(0, sampled) + " (primed with "
                    + 2 * PRIMING + " sampled calls first)");
            lab.close();
        }
    }
}
