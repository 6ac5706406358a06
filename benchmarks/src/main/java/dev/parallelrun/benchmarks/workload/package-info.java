/**
 * The one workload every benchmark shares: pricing an order (a few line items in several currencies, discounts,
 * tax), cheap enough (tens of nanoseconds) that what an experiment adds around it is visible. Four pricing
 * engines stand for the control and the kinds of candidate a migration meets: equal, mismatching on some
 * orders, and a hundred times slower.
 */
@NullMarked
package dev.parallelrun.benchmarks.workload;

import org.jspecify.annotations.NullMarked;
