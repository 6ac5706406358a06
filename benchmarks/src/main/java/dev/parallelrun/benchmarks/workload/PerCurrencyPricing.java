package dev.parallelrun.benchmarks.workload;

/**
 * The mismatching candidate: it converts each currency's sum once instead of each line, which is a
 * cent off whenever two lines in the same foreign currency both round.
 */
final class PerCurrencyPricing {

    private static final Currency[] CURRENCIES = Currency.values();

    private PerCurrencyPricing() {}

    static Price price(Order order) {
        Currency currency = order.currency();
        long[] byCurrency = new long[CURRENCIES.length];
        for (LineItem item : order.items()) {
            byCurrency[item.currency().ordinal()] += item.unitCents() * item.quantity();
        }
        long subtotal = 0;
        for (int c = 0; c < byCurrency.length; c++) {
            subtotal += Money.convert(byCurrency[c], CURRENCIES[c], currency);
        }
        long discount = LegacyPricing.discount(order.discounts(), subtotal, currency);
        long taxable = subtotal - discount;
        long tax = Money.share(taxable, order.taxBasisPoints());
        return new Price(currency, subtotal, discount, tax, taxable + tax);
    }
}
