package dev.parallelrun.benchmarks.migration;

import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory customer store: a {@link ConcurrentHashMap} from id to customer. A find is one lookup, a save one
 * replacement of an existing entry, both allocation-free, so what a migration adds around them shows, in time and in
 * bytes. The old and the new store are two instances of this class holding the same customers: both sides cost the
 * same, and a stage that serves from the new side is not cheaper or dearer for that.
 */
public final class CustomerStore {

    private final ConcurrentHashMap<Long, Customer> rows;

    CustomerStore(int capacity) {
        this.rows = new ConcurrentHashMap<>(2 * capacity);
    }

    /** The customer of {@code id}. */
    Customer find(Long id) {
        Customer customer = rows.get(id);
        if (customer == null) {
            throw new NoSuchElementException("no customer " + id);
        }
        return customer;
    }

    /** Saves {@code customer} under {@code id} (its own id, boxed once by the caller) and returns it. */
    Customer save(Long id, Customer customer) {
        rows.put(id, customer);
        return customer;
    }

    int size() {
        return rows.size();
    }
}
