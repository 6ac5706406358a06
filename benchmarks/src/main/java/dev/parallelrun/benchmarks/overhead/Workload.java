package dev.parallelrun.benchmarks.overhead;

import dev.parallelrun.benchmarks.workload.Order;
import dev.parallelrun.benchmarks.workload.Orders;
import dev.parallelrun.benchmarks.workload.Price;
import dev.parallelrun.benchmarks.workload.PricingEngine;
import java.util.concurrent.CompletableFuture;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The orders each benchmark thread prices, one after the other, and the engines. Every benchmark, the
 * direct call included, pays the same {@link #next()}.
 */
@State(Scope.Thread)
public class Workload {

    /** How many distinct orders are cycled through: a power of two, so the cursor is a mask. */
    static final int ORDERS = 256;

    static final long SEED = 20_260_301L;

    /** The control. */
    static final PricingEngine LEGACY = PricingEngine.legacy();
    /** The equal candidate. */
    static final PricingEngine REWRITTEN = PricingEngine.rewritten();
    /** The candidate that is a cent off on some orders. */
    static final PricingEngine MISMATCHING = PricingEngine.perCurrencyRounding();
    /** The candidate a hundred times slower than the control. */
    static final PricingEngine SLOW = PricingEngine.slow();

    /**
     * The asynchronous control: the control's price as an already completed stage, as a client whose answer is
     * there when the call returns (a cache, say). What the asynchronous benchmarks add shows around it.
     */
    static CompletableFuture<Price> legacyAsync(Order order) {
        return completed(LEGACY.price(order));
    }

    /** The asynchronous equal candidate, made like {@link #legacyAsync}. */
    static CompletableFuture<Price> rewrittenAsync(Order order) {
        return completed(REWRITTEN.price(order));
    }

    /** {@code price} as a completed stage. */
    static CompletableFuture<Price> completed(Price price) {
        return CompletableFuture.completedFuture(price);
    }

    private Order[] orders = new Order[0];
    private int cursor;

    /** Makes the orders. */
    @Setup(Level.Trial)
    public void makeOrders() {
        orders = Orders.sample(ORDERS, SEED);
    }

    /** The next order. */
    Order next() {
        return orders[cursor++ & (ORDERS - 1)];
    }

    /** Every order, for set-up code. */
    Order[] all() {
        return orders.clone();
    }
}
