/**
 * The JSON Lines publisher: {@link dev.parallelrun.publisher.jsonlines.JsonLinesPublisher} writes one line
 * per mismatched result and a periodic summary per experiment, in the format of the module's
 * {@code FORMAT.md} (schema 2), to size-rotated, disk-capped files readable by their owner only.
 */
@NullMarked
package dev.parallelrun.publisher.jsonlines;

import org.jspecify.annotations.NullMarked;
