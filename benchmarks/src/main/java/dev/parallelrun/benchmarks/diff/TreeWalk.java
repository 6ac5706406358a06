package dev.parallelrun.benchmarks.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The baseline of the differ benchmarks: one recursive walk of both trees in step, counting the places
 * where they differ. It aligns nothing (an insertion in an array shifts every later element) and explains
 * nothing; it is the least any differ has to do.
 */
public final class TreeWalk {

    private TreeWalk() {}

    /** How many places differ between {@code a} and {@code b}: fields, elements, or values. */
    public static int differences(JsonNode a, JsonNode b) {
        if (a.getNodeType() != b.getNodeType()) {
            return 1;
        }
        if (a.isObject()) {
            int count = 0;
            for (Map.Entry<String, JsonNode> field : a.properties()) {
                JsonNode other = b.get(field.getKey());
                count += other == null ? 1 : differences(field.getValue(), other);
            }
            for (Map.Entry<String, JsonNode> field : b.properties()) {
                if (!a.has(field.getKey())) {
                    count++;
                }
            }
            return count;
        }
        if (a.isArray()) {
            int common = Math.min(a.size(), b.size());
            int count = Math.abs(a.size() - b.size());
            for (int i = 0; i < common; i++) {
                count += differences(a.get(i), b.get(i));
            }
            return count;
        }
        return a.equals(b) ? 0 : 1;
    }
}
