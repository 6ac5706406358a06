package dev.parallelrun.runtime.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.POJONode;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Deep equality of trees with no option in play: objects key by key in any order, arrays element by element,
 * numbers by value ({@link Numbers}). What aligning arrays uses when no ignore, tolerance or unordered path
 * reaches under them; with those, the walk itself decides (see {@code TreeWalk}).
 */
final class TreeEquality {

    private TreeEquality() {}

    static boolean equal(JsonNode a, JsonNode b) {
        return equal(a, b, false);
    }

    /**
     * Equality with nothing lenient: numbers must have the same Java type and the same exact value (a
     * {@code BigDecimal} its scale too), so {@code 1} and {@code 1L}, or {@code 1.10} and {@code 1.1}, differ.
     */
    static boolean identical(JsonNode a, JsonNode b) {
        return equal(a, b, true);
    }

    /** {@link #identical} when {@code exact}, else {@link #equal}: they differ on numbers only. */
    private static boolean equal(JsonNode a, JsonNode b, boolean exact) {
        if (same(a, b)) {
            return true;
        }
        JsonNodeType type = a.getNodeType();
        if (type != b.getNodeType()) {
            return false;
        }
        return switch (type) {
            case OBJECT -> {
                if (a.size() != b.size()) {
                    yield false;
                }
                for (Map.Entry<String, JsonNode> field : a.properties()) {
                    JsonNode other = b.get(field.getKey());
                    if (other == null || !equal(field.getValue(), other, exact)) {
                        yield false;
                    }
                }
                yield true;
            }
            case ARRAY -> {
                int n = a.size();
                if (n != b.size()) {
                    yield false;
                }
                for (int i = 0; i < n; i++) {
                    if (!equal(a.get(i), b.get(i), exact)) {
                        yield false;
                    }
                }
                yield true;
            }
            case NUMBER ->
                exact
                        ? a.numberType() == b.numberType() && a.numberValue().equals(b.numberValue())
                        : Numbers.equal(a, b);
            case STRING -> a.textValue().equals(b.textValue());
            case BOOLEAN -> a.booleanValue() == b.booleanValue();
            case BINARY -> Arrays.equals(bytes(a), bytes(b));
            case POJO -> pojoEqual(a, b);
            default -> true; // NULL, MISSING
        };
    }

    /** The same node: equal without a look inside. */
    @SuppressWarnings("ReferenceEquality") // identity on purpose: the cheap check before the deep one
    static boolean same(JsonNode a, JsonNode b) {
        return a == b;
    }

    static byte[] bytes(JsonNode binary) {
        return ((BinaryNode) binary).binaryValue();
    }

    /** Embedded objects a serializer left in the tree compare with their own {@code equals}, guarded. */
    static boolean pojoEqual(JsonNode a, JsonNode b) {
        try {
            return Objects.equals(((POJONode) a).getPojo(), ((POJONode) b).getPojo());
        } catch (RuntimeException | StackOverflowError e) {
            return false;
        }
    }

    /** A hash consistent with {@link #equal}: key order does not count, numbers hash by value. */
    static int hash(JsonNode n) {
        return switch (n.getNodeType()) {
            case OBJECT -> {
                int h = 1;
                for (Map.Entry<String, JsonNode> field : n.properties()) {
                    h += field.getKey().hashCode() * 31 ^ hash(field.getValue());
                }
                yield h;
            }
            case ARRAY -> {
                int h = 2;
                for (int i = 0, size = n.size(); i < size; i++) {
                    h = h * 31 + hash(n.get(i));
                }
                yield h;
            }
            case NUMBER -> Numbers.hash(n);
            case STRING -> n.textValue().hashCode();
            case BOOLEAN -> n.booleanValue() ? 3 : 4;
            case BINARY -> Arrays.hashCode(bytes(n));
            default -> 0; // NULL, MISSING, POJO (whose hashCode may be hostile)
        };
    }
}
