package dev.parallelrun.benchmarks.workload;

/**
 * Prices an order. The four engines are the control and the candidates of every benchmark:
 * {@link #legacy()} is the control; {@link #rewritten()} returns equal prices by a different route;
 * {@link #perCurrencyRounding()} rounds once per currency instead of once per line, so it is a cent off
 * on some orders (a classic migration mismatch); {@link #slow()} returns equal prices a hundred times
 * more slowly.
 */
@FunctionalInterface
public interface PricingEngine {

    /** The price of {@code order}. */
    Price price(Order order);

    /** The control: converts and rounds line by line, then applies discounts in order, then tax. */
    static PricingEngine legacy() {
        return LegacyPricing::price;
    }

    /** An equal candidate: the same prices, computed by an indexed single pass. */
    static PricingEngine rewritten() {
        return RewrittenPricing::price;
    }

    /** A mismatching candidate: sums each currency's lines before converting, so rounding differs. */
    static PricingEngine perCurrencyRounding() {
        return PerCurrencyPricing::price;
    }

    /** A slow candidate: the control's prices, at a hundred times the control's cost. */
    static PricingEngine slow() {
        return SlowPricing::price;
    }
}
