package dev.parallelrun.benchmarks.workload;

import static java.util.Objects.requireNonNull;

/**
 * A discount on a whole order: a share of the subtotal, or a fixed amount in some currency.
 *
 * @param basisPoints the share off, in hundredths of a percent (0 for a fixed discount)
 * @param fixedCents the fixed amount off, in cents of {@code currency} (0 for a share)
 * @param currency the currency of the fixed amount
 */
public record Discount(int basisPoints, long fixedCents, Currency currency) {

    /** Checks the parts. */
    public Discount {
        requireNonNull(currency, "currency");
        if (basisPoints < 0 || basisPoints > 10_000 || fixedCents < 0) {
            throw new IllegalArgumentException("basisPoints must be in [0, 10000] and fixedCents >= 0");
        }
    }

    /** {@code basisPoints} hundredths of a percent off the subtotal. */
    public static Discount percent(int basisPoints) {
        return new Discount(basisPoints, 0, Currency.EUR);
    }

    /** {@code cents} of {@code currency} off the subtotal. */
    public static Discount fixed(long cents, Currency currency) {
        return new Discount(0, cents, currency);
    }
}
