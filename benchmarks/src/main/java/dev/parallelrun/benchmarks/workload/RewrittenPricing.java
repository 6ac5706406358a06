package dev.parallelrun.benchmarks.workload;

import java.util.List;

/** The equal candidate: a different route to the same prices (indexed loops, the tax folded in last). */
final class RewrittenPricing {

    private RewrittenPricing() {}

    static Price price(Order order) {
        Currency to = order.currency();
        List<LineItem> items = order.items();
        int n = items.size();
        long subtotal = 0;
        for (int k = 0; k < n; k++) {
            LineItem item = items.get(k);
            long cents = item.unitCents() * item.quantity();
            subtotal += item.currency() == to
                    ? cents
                    : Money.roundHalfUp(cents * item.currency().microEuros(), to.microEuros());
        }
        List<Discount> discounts = order.discounts();
        long discount = 0;
        for (int i = 0; i < discounts.size(); i++) {
            Discount d = discounts.get(i);
            long remaining = subtotal - discount;
            long off = d.basisPoints() == 0
                    ? Money.convert(d.fixedCents(), d.currency(), to)
                    : Money.share(remaining, d.basisPoints());
            discount += Math.min(off, remaining);
        }
        long net = subtotal - discount;
        long total = net + Money.share(net, order.taxBasisPoints());
        return new Price(to, subtotal, discount, total - net, total);
    }
}
