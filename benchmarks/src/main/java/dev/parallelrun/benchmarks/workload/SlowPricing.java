package dev.parallelrun.benchmarks.workload;

/** The slow candidate: the control's work done a hundred times over, for the control's price. */
final class SlowPricing {

    /** How many times the work is done: the candidate is this many times slower than the control. */
    static final int PASSES = 100;

    private SlowPricing() {}

    static Price price(Order order) {
        Price price = LegacyPricing.price(order);
        long sum = price.totalCents();
        for (int pass = 1; pass < PASSES; pass++) {
            // every pass is used by the check below, so the compiler cannot drop any of them
            sum += LegacyPricing.price(order).totalCents();
        }
        if (sum != price.totalCents() * PASSES) {
            throw new IllegalStateException("pricing is not deterministic for " + order.id());
        }
        return price;
    }
}
