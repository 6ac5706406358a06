package dev.parallelrun.examples.pricing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an order costs. Absent parts are left out of its JSON, so a field the new engine forgets shows as a
 * {@code remove} in the differences.
 *
 * @param currency ISO 4217 code
 * @param lines the price of each line
 * @param subtotal the sum of the lines
 * @param discount what the coupon takes off, or {@code null} when the engine did not compute one
 * @param total what the customer pays
 * @param quotedAt when the quote was made: differs on every call, so the experiment ignores it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Price(
        String currency,
        List<LinePrice> lines,
        BigDecimal subtotal,
        @Nullable BigDecimal discount,
        BigDecimal total,
        Instant quotedAt) {

    /**
     * The price of one line.
     *
     * @param sku the article
     * @param amount quantity times unit price
     */
    public record LinePrice(String sku, BigDecimal amount) {}
}
