package dev.parallelrun.benchmarks.workload;

/** The slow candidate: the rewritten engine's price, computed a hundred times over. */
final class SlowPricing {

    /** How many times the work is done: the candidate is this many times slower than the control. */
    static final int PASSES = 100;

    private SlowPricing() {}

    static Price price(Order order) {
        Price price = RewrittenPricing.price(order, 0);
        long sum = price.totalCents();
        for (int pass = 1; pass < PASSES; pass++) {
            // each pass starts at another line, so the compiler cannot fold the passes into one
            Price again = RewrittenPricing.price(order, pass);
            sum += again.totalCents();
        }
        if (sum != price.totalCents() * PASSES) {
            throw new IllegalStateException("pricing is not deterministic for " + order.id());
        }
        return price;
    }
}
