/**
 * Turns a JMH JSON result into the README's tables: each figure as a ratio to the direct call (or to the
 * walk and the peer, for the differ), with bytes per operation and the JDK and machine it ran on.
 */
@NullMarked
package dev.parallelrun.benchmarks.table;

import org.jspecify.annotations.NullMarked;
