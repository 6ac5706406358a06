package dev.parallelrun.report;

import static dev.parallelrun.report.JsonExperiment.counts;
import static dev.parallelrun.report.JsonExperiment.number;
import static dev.parallelrun.report.JsonExperiment.strings;
import static dev.parallelrun.report.JsonExperiment.time;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.parallelrun.experiment.Difference;
import java.io.IOException;
import java.util.Map;

/** The signature groups of the {@link JsonReport}, with their examples embedded as JSON. */
final class JsonGroups {

    private JsonGroups() {}

    static void group(SignatureGroup group, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("outcome", group.outcome().name());
        json.writeStringField("signature", group.signature());
        json.writeNumberField("count", group.count());
        number(json, "share", group.share());
        time(json, "firstSeen", group.firstSeen());
        time(json, "lastSeen", group.lastSeen());
        counts(json, "candidates", group.candidates());
        strings(json, "paths", group.paths());
        json.writeBooleanField("morePaths", group.morePaths());
        json.writeStringField("replay", group.replay());
        json.writeArrayFieldStart("examples");
        for (Example example : group.examples()) {
            example(example, json);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void example(Example example, JsonGenerator json) throws IOException {
        json.writeStartObject();
        time(json, "time", example.time());
        json.writeStringField("host", example.host());
        json.writeStringField("jvm", example.jvm());
        if (example.key() != null) {
            json.writeStringField("key", example.key());
        }
        json.writeObjectFieldStart("context");
        for (Map.Entry<String, String> entry : example.context().entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
        if (example.traceId() != null) {
            json.writeStringField("traceId", example.traceId());
        }
        json.writeStringField("candidate", example.candidate());
        json.writeStringField("outcome", example.outcome().name());
        run(json, "control", example.control());
        if (example.candidateRun() != null) {
            run(json, "candidateRun", example.candidateRun());
        }
        json.writeArrayFieldStart("differences");
        for (Difference difference : example.differences()) {
            json.writeStartObject();
            json.writeStringField("op", difference.op().rfcName());
            json.writeStringField("path", difference.path());
            if (difference.value() != null) {
                json.writeFieldName("value");
                json.writeRawValue(difference.value());
            }
            if (difference.previous() != null) {
                json.writeFieldName("previous");
                json.writeRawValue(difference.previous());
            }
            if (difference.textDiff() != null) {
                json.writeStringField("textDiff", difference.textDiff());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("differenceCount", example.differenceCount());
        json.writeBooleanField("structural", example.structural());
        if (example.note() != null) {
            json.writeStringField("note", example.note());
        }
        json.writeStringField("file", example.file().toString());
        json.writeNumberField("line", example.line());
        json.writeEndObject();
    }

    private static void run(JsonGenerator json, String field, Example.Run run) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeNumberField("durationNanos", run.durationNanos());
        if (run.value() != null) {
            json.writeFieldName("value");
            json.writeRawValue(run.value()); // JSON text written by the reader's own mapper
        }
        json.writeBooleanField("truncated", run.truncated());
        json.writeBooleanField("cut", run.cut());
        if (run.exceptionClass() != null) {
            json.writeObjectFieldStart("exception");
            json.writeStringField("class", run.exceptionClass());
            json.writeStringField("message", run.exceptionMessage());
            json.writeEndObject();
        }
        json.writeBooleanField("completed", run.completed());
        json.writeBooleanField("started", run.started());
        if (run.startDelayNanos() >= 0) {
            json.writeNumberField("startDelayNanos", run.startDelayNanos());
        }
        json.writeEndObject();
    }
}
