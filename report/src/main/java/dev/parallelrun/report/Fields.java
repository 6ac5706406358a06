package dev.parallelrun.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Reads the fields of one line, saying precisely which one is wrong when a required one is. */
final class Fields {

    private Fields() {}

    static String requiredText(JsonNode node, String field) throws BadLine {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new BadLine(value == null ? "no \"" + field + "\" field" : "\"" + field + "\" is not a string");
        }
        return value.textValue();
    }

    static @Nullable String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    static String textOr(JsonNode node, String field, String fallback) {
        String text = optionalText(node, field);
        return text == null ? fallback : text;
    }

    static Instant requiredInstant(JsonNode node, String field) throws BadLine {
        String text = requiredText(node, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadLine("\"" + field + "\" is not an ISO-8601 instant: " + Text.quote(text, 60));
        }
    }

    /** A date field, or {@code null} when absent or not an ISO-8601 date. */
    static @Nullable LocalDate optionalDate(JsonNode node, String field) {
        return optionalTime(node, field, LocalDate::parse);
    }

    /** An instant field, or {@code null} when absent or not an ISO-8601 instant. */
    static @Nullable Instant optionalInstant(JsonNode node, String field) {
        return optionalTime(node, field, Instant::parse);
    }

    private static <T> @Nullable T optionalTime(JsonNode node, String field, Function<String, T> parse) {
        String text = optionalText(node, field);
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static boolean flag(JsonNode node, String field, boolean fallback) {
        JsonNode value = node.get(field);
        return (value != null && value.isBoolean()) ? value.booleanValue() : fallback;
    }

    /** A non-negative integer field, or {@code fallback} when absent. */
    static long count(JsonNode node, String field, long fallback) throws BadLine {
        JsonNode value = node.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new BadLine("\"" + field + "\" is not a non-negative integer: " + Text.quote(value.toString(), 40));
        }
        return value.longValue();
    }

    static long requiredCount(JsonNode node, String field) throws BadLine {
        if (node.get(field) == null) {
            throw new BadLine("no \"" + field + "\" field");
        }
        return count(node, field, 0);
    }

    static JsonNode requiredObject(JsonNode node, String field) throws BadLine {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new BadLine(value == null ? "no \"" + field + "\" field" : "\"" + field + "\" is not an object");
        }
        return value;
    }

    static @Nullable JsonNode optionalObject(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isObject() ? value : null;
    }

    static double number(JsonNode node, String field) throws BadLine {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new BadLine("\"" + field + "\" is not a number");
        }
        return value.doubleValue();
    }
}
