package dev.parallelrun.examples.pricing;

import java.util.UUID;

/** Receipts, the old way and the new way: the same text, a fresh id each time. */
final class Receipts {

    private Receipts() {}

    static Receipt legacy(Order order, Price price) {
        return new Receipt(
                order.id(), UUID.randomUUID().toString(), price.total().toPlainString() + " " + price.currency());
    }

    static Receipt renewed(Order order, Price price) {
        return new Receipt(
                order.id(), "rcpt_" + UUID.randomUUID(), price.total().toPlainString() + " " + price.currency());
    }
}
