package dev.parallelrun.benchmarks.migration;

/**
 * A customer, as both stores keep it and as the migration's reads compare it ({@code equals}).
 *
 * @param id the key
 * @param name the customer's name
 * @param email the customer's email address: what the benchmark's writes change
 * @param version how many times the customer was saved before
 */
public record Customer(long id, String name, String email, long version) {}
