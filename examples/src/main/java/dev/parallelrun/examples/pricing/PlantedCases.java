package dev.parallelrun.examples.pricing;

import java.math.BigDecimal;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the sampled orders that fall into each planted edge case, judged from the order alone (never by
 * comparing the two prices), so the demo can say what the report should find.
 */
final class PlantedCases {

    final LongAdder sampled = new LongAdder();
    final LongAdder fractionalDiscountInZeroDecimalCurrency = new LongAdder();
    final LongAdder emptyCart = new LongAdder();

    /** Called from the candidate, which only runs on sampled calls. */
    void classify(Order order) {
        sampled.increment();
        if (order.lines().isEmpty()) {
            emptyCart.increment();
            return;
        }
        if (order.couponPercent() != null && Currencies.decimals(order.currency()) == 0) {
            BigDecimal subtotal = BigDecimal.ZERO;
            for (Order.Line line : order.lines()) {
                subtotal = subtotal.add(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
            }
            BigDecimal discount = subtotal.multiply(order.couponPercent()).movePointLeft(2);
            // the new engine keeps cents the legacy code rounds away: a mismatch unless the cents are zero
            if (discount.setScale(2, java.math.RoundingMode.HALF_UP)
                            .stripTrailingZeros()
                            .scale()
                    > 0) {
                fractionalDiscountInZeroDecimalCurrency.increment();
            }
        }
    }
}
