package dev.parallelrun.runtime.diff;

import dev.parallelrun.experiment.Tolerance;
import org.jspecify.annotations.Nullable;

/**
 * What a tree comparison needs to know, fixed when the differ is built.
 *
 * @param rules the compiled ignore, redact, per-path tolerance and unordered-array patterns
 * @param tolerance the tolerance for numbers no per-path pattern covers, or null
 * @param maxDifferences how many differences are kept
 * @param maxValueChars the cap on each value's JSON text and on each text diff
 * @param maxAlignedElements the most elements (both sides together, past the equal prefix and suffix) that an
 *     array alignment handles; longer stretches are compared index by index
 * @param longStringChars strings longer than this (or with several lines) get a text diff
 */
record DiffSettings(
        PathRules rules,
        @Nullable Tolerance tolerance,
        int maxDifferences,
        int maxValueChars,
        int maxAlignedElements,
        int longStringChars) {}
