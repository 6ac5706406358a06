package dev.parallelrun.examples.pricing;

/**
 * A receipt for a priced order. The id is generated on every call, so the two sides never agree on it: the
 * report shows {@code /receiptId} as a noisy path and suggests ignoring it.
 *
 * @param orderId the order
 * @param receiptId a fresh id per receipt
 * @param text the printed total
 */
public record Receipt(String orderId, String receiptId, String text) {}
