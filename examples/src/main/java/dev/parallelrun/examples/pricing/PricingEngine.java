package dev.parallelrun.examples.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;

/**
 * The new pricing engine: the candidate. It is right almost everywhere, with two planted edge cases the
 * parallel run is there to find:
 * <ul>
 *   <li>it rounds discounts to two decimals in every currency, so zero-decimal currencies (JPY, KRW) get a
 *       fractional discount and total when a coupon applies;</li>
 *   <li>it leaves the discount out on an empty cart.</li>
 * </ul>
 */
public final class PricingEngine {

    private final Clock clock;

    public PricingEngine(Clock clock) {
        this.clock = clock;
    }

    public Price price(Order order) {
        int decimals = Currencies.decimals(order.currency());
        List<Price.LinePrice> lines = order.lines().stream()
                .map(line -> new Price.LinePrice(
                        line.sku(),
                        line.unitPrice()
                                .multiply(BigDecimal.valueOf(line.quantity()))
                                .setScale(decimals, RoundingMode.HALF_UP)))
                .toList();
        BigDecimal subtotal = lines.stream().map(Price.LinePrice::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (lines.isEmpty()) {
            return new Price(order.currency(), lines, subtotal, null, subtotal, clock.instant());
        }
        BigDecimal discount = order.couponPercent() == null
                ? BigDecimal.ZERO
                : subtotal.multiply(order.couponPercent()).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
        return new Price(order.currency(), lines, subtotal, discount, subtotal.subtract(discount), clock.instant());
    }
}
