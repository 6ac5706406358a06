package dev.parallelrun.benchmarks.overhead;

import dev.parallelrun.benchmarks.workload.Order;
import dev.parallelrun.benchmarks.workload.Price;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Laboratory;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** An experiment of {@link Laboratory#noop()}: what the API costs with no engine behind it. */
@State(Scope.Benchmark)
public class NoopScenario {

    final Experiment<Price> experiment = Laboratory.noop()
            .experiment("pricing-noop", Price.class)
            .sampleRate(0.05)
            .build();
    final Function<Order, Price> wrapped = experiment.wrap(Workload.LEGACY::price, Workload.REWRITTEN::price);
}
