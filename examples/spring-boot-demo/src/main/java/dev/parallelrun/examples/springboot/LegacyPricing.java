package dev.parallelrun.examples.springboot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** The pricing in production (the control): 7.5% off from 50 items, rounded half up to the cent. */
@Component
public class LegacyPricing {

    static final int BULK_QUANTITY = 50;
    static final BigDecimal BULK_DISCOUNT = new BigDecimal("0.075");

    private final Catalogue catalogue;
    private final Clock clock = Clock.systemUTC();

    LegacyPricing(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The quote for {@code quantity} of {@code sku}, which the catalogue has. */
    public Quote quote(String sku, int quantity) {
        BigDecimal unit = Objects.requireNonNull(catalogue.unitPrice(sku), sku);
        BigDecimal gross = unit.multiply(BigDecimal.valueOf(quantity));
        BigDecimal discount = quantity >= BULK_QUANTITY
                ? gross.multiply(BULK_DISCOUNT).setScale(2, RoundingMode.HALF_UP)
                : BigDecimal.ZERO.setScale(2);
        return new Quote(sku, quantity, unit, discount, gross.subtract(discount), Instant.now(clock));
    }
}
