package dev.parallelrun.examples.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;

/**
 * {@link PricingEngine} with its two planted edge cases fixed: the discount is rounded to the currency's decimals,
 * and every cart gets one, the empty cart too.
 */
final class FixedPricingEngine {

    private final Clock clock;

    FixedPricingEngine(Clock clock) {
        this.clock = clock;
    }

    Price price(Order order) {
        int decimals = Currencies.decimals(order.currency());
        List<Price.LinePrice> lines = order.lines().stream()
                .map(line -> new Price.LinePrice(
                        line.sku(),
                        line.unitPrice()
                                .multiply(BigDecimal.valueOf(line.quantity()))
                                .setScale(decimals, RoundingMode.HALF_UP)))
                .toList();
        BigDecimal subtotal = lines.stream().map(Price.LinePrice::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal discount = order.couponPercent() == null
                ? BigDecimal.ZERO.setScale(decimals)
                : subtotal.multiply(order.couponPercent()).movePointLeft(2).setScale(decimals, RoundingMode.HALF_UP);
        return new Price(order.currency(), lines, subtotal, discount, subtotal.subtract(discount), clock.instant());
    }
}
