package dev.parallelrun.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import java.util.Set;

/**
 * Pretty-prints a JSON value as escaped HTML, wrapping the values at given RFC 6901 paths in
 * {@code <mark class="...">}, so both sides of a mismatch can be shown with their differences highlighted.
 */
final class JsonHtml {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private JsonHtml() {}

    /**
     * {@code json} indented, with each value whose pointer is in {@code marked} wrapped in a mark of
     * {@code markClass}. Text that is not JSON is shown escaped as it is.
     */
    static String render(String json, Set<String> marked, String markClass) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return Html.escape(json);
        }
        StringBuilder out = new StringBuilder(json.length() * 2);
        write(node, "", 0, marked, markClass, out);
        return out.toString();
    }

    private static void write(
            JsonNode node, String pointer, int depth, Set<String> marked, String markClass, StringBuilder out) {
        boolean mark = marked.contains(pointer);
        if (mark) {
            out.append("<mark class=\"").append(markClass).append("\">");
        }
        if (node.isObject() && !node.isEmpty()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                out.append(first ? "\n" : ",\n");
                first = false;
                indent(depth + 1, out);
                out.append("<span class=\"k\">")
                        .append(Html.escape(quoted(field.getKey())))
                        .append("</span>: ");
                write(field.getValue(), pointer + "/" + escapeToken(field.getKey()), depth + 1, marked, markClass, out);
            }
            out.append('\n');
            indent(depth, out);
            out.append('}');
        } else if (node.isArray() && !node.isEmpty()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "\n" : ",\n");
                indent(depth + 1, out);
                write(node.get(i), pointer + "/" + i, depth + 1, marked, markClass, out);
            }
            out.append('\n');
            indent(depth, out);
            out.append(']');
        } else {
            out.append(Html.escape(node.toString()));
        }
        if (mark) {
            out.append("</mark>");
        }
    }

    private static String quoted(String key) {
        try {
            return MAPPER.writeValueAsString(key);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string is always writable", e);
        }
    }

    private static String escapeToken(String token) {
        return token.indexOf('~') < 0 && token.indexOf('/') < 0
                ? token
                : token.replace("~", "~0").replace("/", "~1");
    }

    private static void indent(int depth, StringBuilder out) {
        out.append("  ".repeat(depth));
    }
}
