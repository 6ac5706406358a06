/**
 * The differ beside zjsonpatch and a plain walk of both trees, on the same pairs of Jackson trees: small,
 * about 1 KB, about 100 KB, and a 1,000-element array with one insertion.
 */
@NullMarked
package dev.parallelrun.benchmarks.diff;

import org.jspecify.annotations.NullMarked;
