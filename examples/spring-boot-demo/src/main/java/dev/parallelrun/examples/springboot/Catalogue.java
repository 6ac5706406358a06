package dev.parallelrun.examples.springboot;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Unit prices, the same for the old and the new pricing. */
@Component
public class Catalogue {

    private static final Map<String, BigDecimal> PRICES = Map.of(
            "pen", new BigDecimal("1.30"),
            "notebook", new BigDecimal("3.70"),
            "stapler", new BigDecimal("12.90"),
            "lamp", new BigDecimal("24.10"),
            "chair", new BigDecimal("89.90"));

    /** The unit price of {@code sku}, or {@code null} when the catalogue has no such item. */
    public @Nullable BigDecimal unitPrice(String sku) {
        return PRICES.get(sku);
    }

    /** Every item. */
    public Set<String> skus() {
        return PRICES.keySet();
    }
}
