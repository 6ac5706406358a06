package dev.parallelrun.benchmarks.workload;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An order to price.
 *
 * @param id the order's id
 * @param customerId the customer's id
 * @param currency the currency the order is priced in
 * @param taxBasisPoints the sales tax of the destination, in hundredths of a percent
 * @param items the lines; unmodifiable
 * @param discounts the discounts, applied in order; unmodifiable
 */
public record Order(
        String id,
        String customerId,
        Currency currency,
        int taxBasisPoints,
        List<LineItem> items,
        List<Discount> discounts) {

    /** Checks the parts and copies the lists. */
    public Order {
        requireNonNull(id, "id");
        requireNonNull(customerId, "customerId");
        requireNonNull(currency, "currency");
        items = List.copyOf(items);
        discounts = List.copyOf(discounts);
    }
}
