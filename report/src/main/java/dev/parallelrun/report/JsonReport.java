package dev.parallelrun.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.ReadinessCriteria;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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
        json.writeArrayFieldStart("experiments");
        for (String experiment : summary.filter().experiments().stream().sorted().toList()) {
            json.writeString(experiment);
        }
        json.writeEndArray();
        time(json, "since", summary.filter().since());
        time(json, "until", summary.filter().until());
        json.writeEndObject();
        read(summary.read(), json);
        json.writeArrayFieldStart("experiments");
        for (ExperimentSummary experiment : summary.experiments()) {
            experiment(experiment, json);
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
        json.writeArrayFieldStart("limitsReached");
        for (String limit : read.limitsReached()) {
            json.writeString(limit);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void experiment(ExperimentSummary experiment, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("experiment", experiment.experiment());
        json.writeStringField("badge", experiment.badge());
        time(json, "firstSeen", experiment.firstSeen());
        time(json, "lastSeen", experiment.lastSeen());
        json.writeNumberField("resultLines", experiment.resultLines());
        json.writeNumberField("summaryLines", experiment.summaryLines());
        json.writeNumberField("jvms", experiment.jvms());
        json.writeNumberField("hosts", experiment.hosts());
        Totals totals = experiment.totals();
        if (totals == null) {
            json.writeNullField("totals");
        } else {
            totals(totals, json);
        }
        Readiness readiness = experiment.readiness();
        if (readiness == null) {
            json.writeNullField("readiness");
        } else {
            json.writeObjectFieldStart("readiness");
            json.writeBooleanField("ready", readiness.ready());
            json.writeStringField("verdict", readiness.verdict());
            json.writeArrayFieldStart("failing");
            for (Readiness.Check check : readiness.failing()) {
                json.writeString(check.criterion());
            }
            json.writeEndArray();
            json.writeArrayFieldStart("checks");
            for (Readiness.Check check : readiness.checks()) {
                json.writeStartObject();
                json.writeStringField("criterion", check.criterion());
                json.writeStringField("requirement", check.requirement());
                json.writeStringField("actual", check.actual());
                json.writeBooleanField("passed", check.passed());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        ReadinessCriteria criteria = experiment.criteria();
        if (criteria == null) {
            json.writeNullField("criteria");
        } else {
            json.writeObjectFieldStart("criteria");
            json.writeNumberField("minComparedSamples", criteria.minComparedSamples());
            json.writeNumberField("maxMismatchRate", criteria.maxMismatchRate());
            json.writeNumberField("maxErrorRate", criteria.maxErrorRate());
            json.writeNumberField("maxP99Ratio", criteria.maxP99Ratio());
            json.writeEndObject();
        }
        json.writeObjectFieldStart("expiry");
        if (experiment.expiry().expiresOn() == null) {
            json.writeNullField("expiresOn");
        } else {
            json.writeStringField("expiresOn", experiment.expiry().expiresOn().toString());
        }
        json.writeBooleanField("expired", experiment.expiry().expired());
        json.writeEndObject();
        outcomes(json, "resultOutcomes", experiment.resultOutcomes());
        json.writeArrayFieldStart("groups");
        for (SignatureGroup group : experiment.groups()) {
            group(group, json);
        }
        json.writeEndArray();
        json.writeNumberField("untrackedGroupResults", experiment.untrackedGroupResults());
        json.writeArrayFieldStart("noisyPaths");
        for (NoisyPath path : experiment.noisyPaths()) {
            json.writeStartObject();
            json.writeStringField("path", path.path());
            json.writeNumberField("differing", path.differing());
            json.writeNumberField("compared", path.compared());
            rate(json, "share", path.share());
            json.writeStringField("suggestion", path.suggestion());
            json.writeEndObject();
        }
        json.writeEndArray();
        Trend trend = experiment.trend();
        json.writeObjectFieldStart("trend");
        json.writeNumberField("bucketSeconds", trend.bucket().toSeconds());
        json.writeBooleanField("hasRates", trend.hasRates());
        json.writeArrayFieldStart("points");
        for (Trend.Point point : trend.points()) {
            json.writeStartObject();
            json.writeStringField("start", point.start().toString());
            json.writeNumberField("compared", point.compared());
            json.writeNumberField("mismatches", point.mismatches());
            rate(json, "rate", point.rate());
            json.writeNumberField("mismatchResults", point.mismatchResults());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeArrayFieldStart("notes");
        for (String note : experiment.notes()) {
            json.writeString(note);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void totals(Totals totals, JsonGenerator json) throws IOException {
        CandidateStats all = totals.all();
        json.writeObjectFieldStart("totals");
        json.writeNumberField("sampled", totals.sampled());
        json.writeNumberField("dropped", totals.dropped());
        json.writeNumberField("compared", all.compared());
        outcomes(json, "outcomes", all.outcomes());
        json.writeNumberField("candidateErrors", all.errors());
        rate(json, "mismatchRate", all.mismatchRate());
        rate(json, "candidateErrorRate", all.errorRate());
        json.writeObjectFieldStart("latency");
        latency(json, "control", totals.control());
        latency(json, "candidate", all.latency());
        rate(json, "p50Ratio", totals.p50Ratio());
        rate(json, "p99Ratio", totals.p99Ratio());
        json.writeNumberField("jvms", totals.latencyJvms());
        json.writeBooleanField("approximate", totals.latencyApproximate());
        json.writeEndObject();
        json.writeArrayFieldStart("candidates");
        for (CandidateStats candidate : totals.candidates()) {
            json.writeStartObject();
            json.writeStringField("name", candidate.candidate());
            outcomes(json, "outcomes", candidate.outcomes());
            json.writeNumberField("errors", candidate.errors());
            rate(json, "mismatchRate", candidate.mismatchRate());
            rate(json, "errorRate", candidate.errorRate());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeObjectFieldStart("faults");
        for (Map.Entry<String, Long> fault : totals.faults().entrySet()) {
            json.writeNumberField(fault.getKey(), fault.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void group(SignatureGroup group, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("outcome", group.outcome().name());
        json.writeStringField("signature", group.signature());
        json.writeNumberField("count", group.count());
        rate(json, "share", group.share());
        time(json, "firstSeen", group.firstSeen());
        time(json, "lastSeen", group.lastSeen());
        json.writeObjectFieldStart("candidates");
        for (Map.Entry<String, Long> candidate : group.candidates().entrySet()) {
            json.writeNumberField(candidate.getKey(), candidate.getValue());
        }
        json.writeEndObject();
        json.writeArrayFieldStart("paths");
        for (String path : group.paths()) {
            json.writeString(path);
        }
        json.writeEndArray();
        json.writeBooleanField("morePaths", group.morePaths());
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
        json.writeEndObject();
    }

    private static void latency(JsonGenerator json, String field, LatencySummary latency) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeNumberField("count", latency.count());
        json.writeNumberField("p50Nanos", latency.p50().toNanos());
        json.writeNumberField("p90Nanos", latency.p90().toNanos());
        json.writeNumberField("p99Nanos", latency.p99().toNanos());
        json.writeNumberField("maxNanos", latency.max().toNanos());
        json.writeEndObject();
    }

    private static void outcomes(JsonGenerator json, String field, Map<Outcome, Long> outcomes) throws IOException {
        json.writeObjectFieldStart(field);
        for (Outcome outcome : Outcome.values()) {
            json.writeNumberField(outcome.name(), outcomes.getOrDefault(outcome, 0L));
        }
        json.writeEndObject();
    }

    private static void rate(JsonGenerator json, String field, double rate) throws IOException {
        if (Double.isNaN(rate) || Double.isInfinite(rate)) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, rate);
        }
    }

    private static void time(JsonGenerator json, String field, @Nullable Instant time) throws IOException {
        if (time == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, time.toString());
        }
    }
}
