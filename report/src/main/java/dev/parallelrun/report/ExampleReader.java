package dev.parallelrun.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.Operation;
import dev.parallelrun.experiment.Outcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Copies one candidate of a result line into an {@link Example}, cut to the {@link ReadLimits}. Called only for
 * the examples a group keeps, so most lines are never copied.
 */
final class ExampleReader {

    static final int MAX_CONTEXT_ENTRIES = 10;
    static final int MAX_CONTEXT_CHARS = 200;
    static final int MAX_MESSAGE_CHARS = 1_000;
    static final int MAX_DIFF_VALUE_CHARS = 300;
    static final int MAX_TEXT_DIFF_CHARS = 500;
    static final int MAX_PATH_CHARS = 500;

    private final ReadLimits limits;
    private final ObjectMapper mapper;

    ExampleReader(ReadLimits limits, ObjectMapper mapper) {
        this.limits = limits;
        this.mapper = mapper;
    }

    Example example(
            JsonNode line,
            JsonNode control,
            JsonNode candidate,
            Outcome outcome,
            Instant time,
            Path file,
            long lineNumber) {
        Map<String, String> context = new LinkedHashMap<>();
        JsonNode contextNode = line.get("context");
        if (contextNode != null && contextNode.isObject()) {
            for (Map.Entry<String, JsonNode> entry : contextNode.properties()) {
                if (context.size() >= MAX_CONTEXT_ENTRIES) {
                    break;
                }
                JsonNode value = entry.getValue();
                context.put(
                        Text.cap(entry.getKey(), MAX_CONTEXT_CHARS),
                        Text.cap(value.isTextual() ? value.textValue() : value.toString(), MAX_CONTEXT_CHARS));
            }
        }
        List<Difference> differences = new ArrayList<>();
        JsonNode differencesNode = candidate.get("differences");
        long differenceCount = 0;
        if (differencesNode != null && differencesNode.isArray()) {
            differenceCount = differencesNode.size();
            for (JsonNode difference : differencesNode) {
                if (differences.size() >= limits.maxExampleDifferences()) {
                    break;
                }
                Difference parsed = difference(difference);
                if (parsed != null) {
                    differences.add(parsed);
                }
            }
        }
        JsonNode total = candidate.get("differenceCount");
        if (total != null && total.canConvertToLong()) {
            differenceCount = Math.max(differenceCount, total.longValue());
        }
        JsonNode candidateRun = candidate.get("run");
        String key = Fields.optionalText(line, "key");
        String note = Fields.optionalText(candidate, "note");
        String traceId = Fields.optionalText(line, "traceId");
        return new Example(
                time,
                Text.cap(Fields.textOr(line, "host", "(unknown host)"), MAX_CONTEXT_CHARS),
                Text.cap(Fields.textOr(line, "jvm", "(unknown jvm)"), MAX_CONTEXT_CHARS),
                key == null ? null : Text.cap(key, MAX_CONTEXT_CHARS),
                context,
                traceId == null ? null : Text.cap(traceId, 64),
                Text.cap(Fields.textOr(candidate, "name", "candidate"), MAX_CONTEXT_CHARS),
                outcome,
                run(control),
                candidateRun != null && candidateRun.isObject() ? run(candidateRun) : null,
                differences,
                differenceCount,
                Fields.flag(candidate, "structural", true),
                note == null ? null : Text.cap(note, MAX_MESSAGE_CHARS),
                file,
                lineNumber);
    }

    private Example.Run run(JsonNode run) {
        JsonNode duration = run.get("durationNanos");
        long durationNanos = duration != null && duration.canConvertToLong() ? duration.longValue() : -1;
        String value = null;
        boolean cut = false;
        long fullLength = -1;
        JsonNode valueNode = run.get("value");
        if (valueNode != null) {
            value = json(valueNode);
            fullLength = value.length();
            if (value.length() > limits.maxExampleValueChars()) {
                value = cutJson(value, limits.maxExampleValueChars());
                cut = true;
            }
        }
        boolean truncated = Fields.flag(run, "valueTruncated", false);
        JsonNode length = run.get("valueLength");
        if (truncated && length != null && length.canConvertToLong()) {
            fullLength = length.longValue();
        }
        String exceptionClass = null;
        String exceptionMessage = null;
        JsonNode exception = run.get("exception");
        if (exception != null && exception.isObject()) {
            exceptionClass = Text.cap(Fields.textOr(exception, "class", "(unknown exception)"), MAX_CONTEXT_CHARS);
            String message = Fields.optionalText(exception, "message");
            exceptionMessage = message == null ? null : Text.cap(message, MAX_MESSAGE_CHARS);
        }
        JsonNode startDelay = run.get("startDelayNanos");
        return new Example.Run(
                durationNanos,
                value,
                truncated,
                cut,
                fullLength,
                exceptionClass,
                exceptionMessage,
                Fields.flag(run, "completed", true),
                Fields.flag(run, "started", true),
                startDelay != null && startDelay.canConvertToLong() && startDelay.longValue() >= 0
                        ? startDelay.longValue()
                        : -1);
    }

    private @Nullable Difference difference(JsonNode difference) {
        String opName = Fields.optionalText(difference, "op");
        String path = Fields.optionalText(difference, "path");
        if (opName == null || path == null) {
            return null;
        }
        Operation op;
        try {
            op = Operation.valueOf(opName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
        JsonNode value = difference.get("value");
        JsonNode previous = difference.get("previous");
        String textDiff = Fields.optionalText(difference, "textDiff");
        return new Difference(
                op,
                Text.cap(path, MAX_PATH_CHARS),
                value == null ? null : cutJson(json(value), MAX_DIFF_VALUE_CHARS),
                previous == null ? null : cutJson(json(previous), MAX_DIFF_VALUE_CHARS),
                textDiff == null ? null : Text.cap(textDiff, MAX_TEXT_DIFF_CHARS));
    }

    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return "\"(not writable: " + e.getOriginalMessage().replace('"', '\'') + ")\"";
        }
    }

    /** JSON text cut to a JSON string of its first {@code max} characters, so that it stays JSON. */
    private String cutJson(String json, int max) {
        if (json.length() <= max) {
            return json;
        }
        try {
            return mapper.writeValueAsString(Text.cap(json, max));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string is always writable", e);
        }
    }
}
