package dev.parallelrun.examples.springboot;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A price quote for some quantity of one catalogue item.
 *
 * @param sku the item
 * @param quantity how many
 * @param unitPrice the price of one
 * @param discount the bulk discount, rounded to the cent
 * @param total what the customer pays
 * @param quotedAt when the quote was made (never equal between two services: ignored by the experiment)
 */
public record Quote(
        String sku, int quantity, BigDecimal unitPrice, BigDecimal discount, BigDecimal total, Instant quotedAt) {}
