package dev.parallelrun.benchmarks.workload;

import java.util.List;

/** The control of every benchmark: the old code path. */
final class LegacyPricing {

    private LegacyPricing() {}

    static Price price(Order order) {
        Currency currency = order.currency();
        long subtotal = 0;
        for (LineItem item : order.items()) {
            subtotal += Money.convert(item.unitCents() * item.quantity(), item.currency(), currency);
        }
        long discount = discount(order.discounts(), subtotal, currency);
        long taxable = subtotal - discount;
        long tax = Money.share(taxable, order.taxBasisPoints());
        return new Price(currency, subtotal, discount, tax, taxable + tax);
    }

    /** Each discount applies to what the previous ones left; the sum never exceeds the subtotal. */
    static long discount(List<Discount> discounts, long subtotal, Currency currency) {
        long discount = 0;
        for (Discount d : discounts) {
            long off = d.basisPoints() > 0
                    ? Money.share(subtotal - discount, d.basisPoints())
                    : Money.convert(d.fixedCents(), d.currency(), currency);
            discount = Math.min(subtotal, discount + off);
        }
        return discount;
    }
}
