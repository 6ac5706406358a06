package dev.parallelrun.benchmarks.diff;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A control tree and a candidate tree that differ in a few known places.
 *
 * @param shape the name of the pair, as the benchmark's {@code shape} parameter
 * @param control the control's tree
 * @param candidate the candidate's tree
 * @param changes what was changed, for people reading the output
 */
public record TreePair(String shape, JsonNode control, JsonNode candidate, String changes) {

    /** Checks the parts. */
    public TreePair {
        requireNonNull(shape, "shape");
        requireNonNull(control, "control");
        requireNonNull(candidate, "candidate");
        requireNonNull(changes, "changes");
    }

    /** The size of the control's tree as compact JSON text, in bytes. */
    public int controlBytes() {
        return control.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
