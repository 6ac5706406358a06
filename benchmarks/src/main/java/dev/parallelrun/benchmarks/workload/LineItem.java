package dev.parallelrun.benchmarks.workload;

import static java.util.Objects.requireNonNull;

/**
 * One line of an order.
 *
 * @param sku the article
 * @param quantity how many, at least 1
 * @param unitCents the unit price in cents of {@code currency}
 * @param currency the currency the article is listed in, which need not be the order's
 */
public record LineItem(String sku, int quantity, long unitCents, Currency currency) {

    /** Checks the parts. */
    public LineItem {
        requireNonNull(sku, "sku");
        requireNonNull(currency, "currency");
        if (quantity < 1 || unitCents < 0) {
            throw new IllegalArgumentException("quantity must be >= 1 and unitCents >= 0");
        }
    }
}
