package dev.parallelrun.benchmarks.overhead;

import dev.parallelrun.benchmarks.workload.Order;
import dev.parallelrun.benchmarks.workload.Price;
import dev.parallelrun.benchmarks.workload.PricingEngine;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Counts the candidates running right now and the most that ever ran at once, so a benchmark can show
 * that a cap holds. It wraps the candidate, so it costs the candidate's thread, not the caller's.
 */
final class InFlight {

    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final LongAdder finished = new LongAdder();

    /** {@code engine} as a function that is counted while it runs. */
    Function<Order, Price> track(PricingEngine engine) {
        return order -> {
            peak.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                return engine.price(order);
            } finally {
                now.decrementAndGet();
                finished.increment();
            }
        };
    }

    /** Candidates that have run to the end. */
    long finished() {
        return finished.sum();
    }

    int now() {
        return now.get();
    }

    int peak() {
        return peak.get();
    }
}
