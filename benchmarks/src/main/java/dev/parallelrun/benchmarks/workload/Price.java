package dev.parallelrun.benchmarks.workload;

import static java.util.Objects.requireNonNull;

/**
 * What pricing an order returns; every amount in cents of {@code currency}.
 *
 * @param currency the order's currency
 * @param subtotalCents the lines, converted
 * @param discountCents the discounts, never more than the subtotal
 * @param taxCents the tax on what is left
 * @param totalCents what the customer pays
 */
public record Price(Currency currency, long subtotalCents, long discountCents, long taxCents, long totalCents) {

    /** Checks the currency. */
    public Price {
        requireNonNull(currency, "currency");
    }
}
