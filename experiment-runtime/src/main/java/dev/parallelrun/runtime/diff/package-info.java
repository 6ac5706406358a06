/**
 * How a candidate's value differs from the control's: values become Jackson trees and are compared into
 * RFC 6902 differences; what cannot become a tree falls back to {@code equals} and {@code toString}.
 */
@NullMarked
package dev.parallelrun.runtime.diff;

import org.jspecify.annotations.NullMarked;
