package dev.parallelrun.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * A {@link Summary} as one JSON document, for scripts and CI ({@code report summary --json}). The shape is
 * described in the module's README and marked {@code "schema": 1}; fields may be added, never renamed.
 * Rates that cannot be computed are {@code null}; times are ISO-8601 instants; durations are nanoseconds.
 * Example values are embedded as JSON (they are JSON text in the input).
 */
public final class JsonReport {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonReport() {}

    /** The document, indented. */
    public static String render(Summary summary) {
        StringWriter out = new StringWriter();
        try {
            write(summary, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the document to {@code out}, UTF-8; does not close it. */
    public static void write(Summary summary, OutputStream out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            write(summary, json);
        }
    }

    /** Writes the document to {@code out}; does not close it. */
    public static void write(Summary summary, Writer out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            write(summary, json);
        }
    }

    private static void write(Summary summary, JsonGenerator json) throws IOException {
        json.useDefaultPrettyPrinter();
        json.writeStartObject();
        json.writeNumberField("schema", 1);
        json.writeStringField("generatedAt", summary.generatedAt().toString());
        json.writeObjectFieldStart("filter");
        JsonExperiment.strings(
                json,
                "experiments",
                summary.filter().experiments().stream().sorted().toList());
        JsonExperiment.time(json, "since", summary.filter().since());
        JsonExperiment.time(json, "until", summary.filter().until());
        json.writeEndObject();
        JsonExperiment.strings(json, "inputs", summary.inputs());
        read(summary.read(), json);
        json.writeArrayFieldStart("experiments");
        for (ExperimentSummary experiment : summary.experiments()) {
            JsonExperiment.experiment(experiment, json);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("migrations");
        for (MigrationSummary migration : summary.migrations()) {
            JsonMigrations.migration(migration, json);
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private static void read(ReadStats read, JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("read");
        json.writeNumberField("files", read.files());
        json.writeNumberField("bytes", read.bytes());
        json.writeNumberField("lines", read.lines());
        json.writeNumberField("resultLines", read.resultLines());
        json.writeNumberField("summaryLines", read.summaryLines());
        json.writeNumberField("migrationLines", read.migrationLines());
        json.writeNumberField("badLines", read.badLines());
        json.writeNumberField("unknownTypeLines", read.unknownTypeLines());
        json.writeNumberField("filteredOut", read.filteredOut());
        json.writeNumberField("outOfOrderSummaries", read.outOfOrderSummaries());
        json.writeNumberField("unreadableFiles", read.unreadableFiles());
        json.writeArrayFieldStart("problems");
        for (ReadProblem problem : read.problems()) {
            json.writeStartObject();
            json.writeStringField("file", problem.file().toString());
            json.writeNumberField("line", problem.line());
            json.writeStringField("message", problem.message());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("problemsNotKept", read.problemsNotKept());
        JsonExperiment.strings(json, "limitsReached", read.limitsReached());
        json.writeEndObject();
    }
}
