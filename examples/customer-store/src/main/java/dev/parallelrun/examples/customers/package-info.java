/**
 * A customer store migrated stage by stage from a legacy schema (one denormalized table) to a new one (normalized
 * tables), each in its own H2 database file, through plain JDBC, under load from several threads.
 */
@NullMarked
package dev.parallelrun.examples.customers;

import org.jspecify.annotations.NullMarked;
