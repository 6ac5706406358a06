/** The built-in samplers: fixed rate, keyed sticky rate, rate limit, dynamic rate, and conditions. */
@NullMarked
package dev.parallelrun.runtime.sampling;

import org.jspecify.annotations.NullMarked;
