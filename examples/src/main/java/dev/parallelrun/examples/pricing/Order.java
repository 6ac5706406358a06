package dev.parallelrun.examples.pricing;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a customer is buying.
 *
 * @param id the order id
 * @param customerId who buys: the key of sticky sampling
 * @param customerEmail where the receipt goes: personal data, which the experiment redacts from what it publishes
 * @param currency ISO 4217 code
 * @param lines what is in the cart; empty for a cart the customer has just emptied
 * @param couponPercent a percentage off the subtotal, or {@code null}
 */
public record Order(
        String id,
        String customerId,
        String customerEmail,
        String currency,
        List<Line> lines,
        @Nullable BigDecimal couponPercent) {

    /**
     * One line of an order.
     *
     * @param sku the article
     * @param quantity how many
     * @param unitPrice the price of one, in the order's currency
     */
    public record Line(String sku, int quantity, BigDecimal unitPrice) {}
}
