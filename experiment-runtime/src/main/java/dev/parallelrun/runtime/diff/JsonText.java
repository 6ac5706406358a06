package dev.parallelrun.runtime.diff;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.parallelrun.experiment.PublishedValue;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes a tree as compact JSON text, with every value under a redacted path replaced by
 * {@code "[REDACTED]"}, keeping at most a cap of characters in memory. The tree is written at the position of a
 * {@link PathStack} (which it pushes onto and pops back), so a value published as part of a difference is
 * redacted by the same patterns as the whole value.
 */
final class JsonText {

    private static final String REDACTED = PublishedValues.quote(PublishedValue.REDACTED);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final PathStack path;
    private final StringBuilder head;
    private final int maxChars;
    private final boolean stopAtCap;
    private int length;

    private JsonText(PathStack path, int maxChars, boolean stopAtCap) {
        this.path = path;
        this.maxChars = maxChars;
        this.stopAtCap = stopAtCap;
        this.head = new StringBuilder(Math.min(maxChars, 64));
    }

    /**
     * {@code node} as published at the path's position: redacted and capped, with its true length. Writes the
     * whole tree, to know that length.
     */
    static PublishedValue publish(JsonNode node, PathStack path, int maxChars) {
        JsonText text = new JsonText(path, maxChars, false);
        text.write(node);
        return PublishedValues.capped(text.head.toString(), text.length, maxChars, true);
    }

    /** The JSON text of {@code node} at the path's position, redacted and capped; stops writing at the cap. */
    static String capped(JsonNode node, PathStack path, int maxChars) {
        String scalar = path.redacted() ? null : scalar(node);
        if (scalar != null && scalar.length() <= maxChars) {
            return scalar; // what writing it would give, without a builder
        }
        JsonText text = new JsonText(path, maxChars, true);
        text.write(node);
        return PublishedValues.capped(text.head.toString(), text.length, maxChars, true)
                .json();
    }

    /** The JSON text of a plain scalar: a number, a string with nothing to escape, a boolean or null; else null. */
    private static @Nullable String scalar(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> {
                String s = node.textValue();
                for (int i = 0, n = s.length(); i < n; i++) {
                    char c = s.charAt(i);
                    if (c < 0x20 || c == '"' || c == '\\') {
                        yield null;
                    }
                }
                yield '"' + s + '"';
            }
            case NUMBER -> {
                NumberType type = node.numberType();
                boolean floating = type == NumberType.DOUBLE || type == NumberType.FLOAT;
                yield floating && !Double.isFinite(node.doubleValue()) ? null : node.asText();
            }
            case BOOLEAN -> node.booleanValue() ? "true" : "false";
            case NULL, MISSING -> "null";
            default -> null;
        };
    }

    private boolean full() {
        return stopAtCap && length > maxChars;
    }

    // the head keeps one character past the cap, so that a cut text is known to be cut

    private void append(char c) {
        if (length++ <= maxChars) {
            head.append(c);
        }
    }

    private void append(String s) {
        long room = (long) maxChars + 1 - length;
        if (room > 0) {
            head.append(s, 0, (int) Math.min(room, s.length()));
        }
        length += s.length();
    }

    private void write(JsonNode node) {
        if (path.redacted()) {
            append(REDACTED);
            return;
        }
        switch (node.getNodeType()) {
            case OBJECT -> {
                append('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (full()) {
                        return;
                    }
                    if (!first) {
                        append(',');
                    }
                    first = false;
                    string(field.getKey());
                    append(':');
                    path.pushKey(field.getKey());
                    write(field.getValue());
                    path.pop();
                }
                append('}');
            }
            case ARRAY -> {
                append('[');
                for (int i = 0, size = node.size(); i < size && !full(); i++) {
                    if (i > 0) {
                        append(',');
                    }
                    path.pushIndex(i);
                    write(node.get(i));
                    path.pop();
                }
                append(']');
            }
            case STRING -> string(node.textValue());
            case NUMBER -> number(node);
            case BOOLEAN -> append(node.booleanValue() ? "true" : "false");
            case BINARY -> string(Base64Variants.getDefaultVariant().encode(TreeEquality.bytes(node)));
            case POJO -> string(pojoText((POJONode) node));
            default -> append("null"); // NULL, MISSING
        }
    }

    private void number(JsonNode node) {
        NumberType type = node.numberType();
        if ((type == NumberType.DOUBLE || type == NumberType.FLOAT) && !Double.isFinite(node.doubleValue())) {
            string(node.asText()); // NaN and infinities are not JSON numbers: written as strings, as Jackson does
        } else {
            append(node.asText());
        }
    }

    private static String pojoText(POJONode node) {
        try {
            return String.valueOf(node.getPojo());
        } catch (RuntimeException | StackOverflowError e) {
            return "[toString() threw " + e.getClass().getName() + "]";
        }
    }

    private void string(String s) {
        append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            if (full()) {
                return;
            }
            char c = s.charAt(i);
            switch (c) {
                case '"' -> append("\\\"");
                case '\\' -> append("\\\\");
                case '\n' -> append("\\n");
                case '\r' -> append("\\r");
                case '\t' -> append("\\t");
                case '\b' -> append("\\b");
                case '\f' -> append("\\f");
                default -> {
                    if (c < 0x20) {
                        append("\\u00");
                        append(HEX[c >> 4]);
                        append(HEX[c & 0xF]);
                    } else {
                        append(c);
                    }
                }
            }
        }
        append('"');
    }
}
