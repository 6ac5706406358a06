package dev.parallelrun.runtime.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.PathPattern;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A small, strict RFC 6902 applier for tests: {@code add}, {@code remove} and {@code replace}, failing on any
 * operation that does not apply (a missing parent, an index out of range, removing what is not there).
 */
final class JsonPatch {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonPatch() {}

    /** {@code document} with {@code differences} applied in order; {@code document} itself is left as it was. */
    static JsonNode apply(JsonNode document, List<Difference> differences) {
        JsonNode root = document.deepCopy();
        for (Difference d : differences) {
            root = apply(root, d);
        }
        return root;
    }

    private static JsonNode apply(JsonNode root, Difference d) {
        List<String> tokens = PathPattern.tokensOf(d.path());
        JsonNode value = d.value() == null ? null : parse(d.value());
        if (tokens.isEmpty()) {
            switch (d.op()) {
                case ADD, REPLACE -> {
                    return value;
                }
                case REMOVE -> throw new AssertionError("cannot remove the root: " + d);
            }
        }
        JsonNode parent = root;
        for (String token : tokens.subList(0, tokens.size() - 1)) {
            parent = child(parent, token, d);
        }
        String last = tokens.getLast();
        if (parent instanceof ObjectNode object) {
            switch (d.op()) {
                case ADD -> object.set(last, value);
                case REMOVE -> {
                    if (object.remove(last) == null) {
                        throw new AssertionError("nothing to remove: " + d);
                    }
                }
                case REPLACE -> {
                    if (!object.has(last)) {
                        throw new AssertionError("nothing to replace: " + d);
                    }
                    object.set(last, value);
                }
            }
        } else if (parent instanceof ArrayNode array) {
            int index = last.equals("-") ? array.size() : Integer.parseInt(last);
            switch (d.op()) {
                case ADD -> {
                    if (index > array.size()) {
                        throw new AssertionError("index out of range: " + d + " on " + array);
                    }
                    array.insert(index, value);
                }
                case REMOVE -> {
                    if (index >= array.size()) {
                        throw new AssertionError("index out of range: " + d + " on " + array);
                    }
                    array.remove(index);
                }
                case REPLACE -> {
                    if (index >= array.size()) {
                        throw new AssertionError("index out of range: " + d + " on " + array);
                    }
                    array.set(index, value);
                }
            }
        } else {
            throw new AssertionError("parent is not a container: " + d);
        }
        return root;
    }

    private static JsonNode child(JsonNode parent, String token, Difference d) {
        JsonNode child = parent.isArray() ? parent.get(Integer.parseInt(token)) : parent.get(token);
        if (child == null) {
            throw new AssertionError("no " + token + " on the way to " + d.path());
        }
        return child;
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** The tree with every number as a stripped BigDecimal, so that Jackson's equality compares numbers by value. */
    static JsonNode normalized(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                copy.set(field.getKey(), normalized(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(normalized(element)));
            return copy;
        }
        if (node.isNumber()) {
            BigDecimal value =
                    node.isDouble() || node.isFloat() ? BigDecimal.valueOf(node.doubleValue()) : node.decimalValue();
            return DecimalNode.valueOf(value.stripTrailingZeros());
        }
        return node;
    }
}
