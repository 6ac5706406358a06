package dev.parallelrun.examples.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The pricing code in production today: the control. */
public final class LegacyPricing {

    private final Clock clock;

    public LegacyPricing(Clock clock) {
        this.clock = clock;
    }

    public Price price(Order order) {
        int decimals = Currencies.decimals(order.currency());
        List<Price.LinePrice> lines = new ArrayList<>();
        BigDecimal subtotal = BigDecimal.ZERO;
        for (Order.Line line : order.lines()) {
            BigDecimal amount = line.unitPrice()
                    .multiply(BigDecimal.valueOf(line.quantity()))
                    .setScale(decimals, RoundingMode.HALF_UP);
            lines.add(new Price.LinePrice(line.sku(), amount));
            subtotal = subtotal.add(amount);
        }
        BigDecimal discount = order.couponPercent() == null
                ? BigDecimal.ZERO.setScale(decimals)
                : subtotal.multiply(order.couponPercent()).movePointLeft(2).setScale(decimals, RoundingMode.HALF_UP);
        return new Price(order.currency(), lines, subtotal, discount, subtotal.subtract(discount), clock.instant());
    }
}
