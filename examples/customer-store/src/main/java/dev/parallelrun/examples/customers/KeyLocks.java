package dev.parallelrun.examples.customers;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks per customer: the application serializes the writes of one customer, as a store's row lock or a
 * version check would. A migration keeps the two writes of one call in order; two callers writing one customer at
 * the same moment would otherwise race on each store separately and leave them disagreeing.
 */
final class KeyLocks {

    private final ReentrantLock[] stripes = new ReentrantLock[64];

    KeyLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    ReentrantLock of(long id) {
        return stripes[(int) Math.floorMod(id, (long) stripes.length)];
    }
}
