/**
 * What a team would use instead of the library: the home-made parallel run ({@code if (random < rate)
 * CompletableFuture.runAsync(compare, executor)} with a semaphore bounding work in flight) and its asynchronous
 * form ({@code control.thenCombine(supplyAsync(candidate, executor), equals)}, bounded the same way). Scientist4J
 * and zjsonpatch are used as they come, from the benchmarks themselves.
 */
@NullMarked
package dev.parallelrun.benchmarks.peers;

import org.jspecify.annotations.NullMarked;
