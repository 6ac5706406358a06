/** The stable 64-bit hash behind sticky sampling and mismatch signatures: the same on every JVM. */
@NullMarked
package dev.parallelrun.runtime.hash;

import org.jspecify.annotations.NullMarked;
