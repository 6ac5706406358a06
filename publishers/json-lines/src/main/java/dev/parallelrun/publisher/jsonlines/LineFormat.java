package dev.parallelrun.publisher.jsonlines;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.Diff;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.experiment.Operation;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.PublishedValue;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.ReadinessCriteria;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Run;
import dev.parallelrun.experiment.SkipReason;
import dev.parallelrun.experiment.TraceIds;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Schema 2 of FORMAT.md: encodes a result or an experiment's statistics as one line of UTF-8 JSON ended by
 * {@code \n}, in a reused buffer ({@link MigrationFormat} encodes a migration's lines in the same one). Not
 * thread-safe: the publisher calls it under its write lock.
 */
final class LineFormat {

    static final int SCHEMA = JsonLinesPublisher.SCHEMA;

    // fixed width, so that times sort as strings
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final JsonFactory factory;
    private final JsonText json;
    private final LineBuffer buffer;
    private final String host;
    private final String jvm;

    LineFormat(JsonFactory factory, long maxLineBytes, String host, String jvm) {
        this.factory = factory;
        this.json = new JsonText(factory);
        this.buffer = new LineBuffer(maxLineBytes);
        this.host = host;
        this.jvm = jvm;
    }

    /**
     * The line of {@code result}, valid until the next call.
     *
     * @throws LineBuffer.TooLarge when the line would be longer than the limit
     */
    LineBuffer result(Result<?> result) throws IOException {
        try (JsonGenerator g = begin("result", result.startedAt(), "experiment", result.experiment())) {
            keyAndContext(g, result.call().key(), result.context());
            TraceIds trace = result.trace();
            if (trace != null) {
                g.writeStringField("traceId", trace.traceId());
                g.writeStringField("spanId", trace.spanId());
            }
            LocalDate expiresOn = result.expiresOn();
            if (expiresOn != null) {
                g.writeStringField("expiresOn", expiresOn.toString());
            }
            g.writeBooleanField("expired", result.expired());
            PublishedValue input = result.input();
            if (input != null) {
                published(g, "input", input);
            }
            g.writeFieldName("control");
            run(g, result.control(), false);
            g.writeArrayFieldStart("candidates");
            for (CandidateResult<?> candidate : result.candidates()) {
                candidate(g, candidate);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return endLine();
    }

    /**
     * The summary line of {@code stats} taken at {@code now}, valid until the next call.
     *
     * @throws LineBuffer.TooLarge when the line would be longer than the limit
     */
    LineBuffer summary(ExperimentStats stats, Instant now) throws IOException {
        try (JsonGenerator g = begin("summary", now, "experiment", stats.experiment())) {
            g.writeNumberField("sampled", stats.sampled());
            g.writeNumberField("dropped", stats.dropped());
            g.writeFieldName("outcomes");
            outcomes(g, stats.outcomes());
            long errors = 0;
            for (CandidateStats candidate : stats.candidates()) {
                errors += candidate.errors();
            }
            g.writeNumberField("candidateErrors", errors);
            g.writeObjectFieldStart("candidates");
            for (CandidateStats candidate : stats.candidates()) {
                g.writeObjectFieldStart(candidate.candidate());
                g.writeFieldName("outcomes");
                outcomes(g, candidate.outcomes());
                g.writeNumberField("errors", candidate.errors());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("skipped");
            for (SkipReason reason : SkipReason.values()) {
                g.writeNumberField(reason.name(), stats.skipped().getOrDefault(reason, 0L));
            }
            g.writeEndObject();
            g.writeObjectFieldStart("runaways");
            g.writeNumberField("now", stats.runaways());
            g.writeNumberField("total", stats.runawaysTotal());
            g.writeEndObject();
            g.writeObjectFieldStart("latency");
            g.writeFieldName("control");
            latency(g, stats.control());
            g.writeFieldName("candidate");
            latency(g, stats.candidateLatency());
            g.writeFieldName("schedulingDelay");
            latency(g, stats.schedulingDelay());
            g.writeEndObject();
            ReadinessCriteria criteria = stats.criteria();
            g.writeObjectFieldStart("criteria");
            g.writeNumberField("minComparedSamples", criteria.minComparedSamples());
            g.writeNumberField("maxMismatchRate", criteria.maxMismatchRate());
            g.writeNumberField("maxErrorRate", criteria.maxErrorRate());
            g.writeNumberField("maxP99Ratio", criteria.maxP99Ratio());
            g.writeNumberField("latencyFloorNanos", nanos(criteria.latencyFloor()));
            g.writeNumberField("maxSkippedShare", criteria.maxSkippedShare());
            g.writeEndObject();
            readiness(g, stats.readiness());
            LocalDate expiresOn = stats.expiresOn();
            if (expiresOn != null) {
                g.writeStringField("expiresOn", expiresOn.toString());
            }
            g.writeBooleanField("expired", stats.expired());
            g.writeObjectFieldStart("faults");
            for (Map.Entry<FaultSource, Long> fault : stats.faults().entrySet()) {
                g.writeNumberField(fault.getKey().name(), fault.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        return endLine();
    }

    /** {@code "readiness": {"ready", "status", "verdict", "checks": [...]}}, in summary and migration lines. */
    static void readiness(JsonGenerator g, Readiness readiness) throws IOException {
        g.writeObjectFieldStart("readiness");
        g.writeBooleanField("ready", readiness.ready());
        g.writeStringField("status", readiness.status().name());
        g.writeStringField("verdict", readiness.verdict());
        g.writeArrayFieldStart("checks");
        for (Readiness.Check check : readiness.checks()) {
            g.writeStartObject();
            g.writeStringField("criterion", check.criterion());
            g.writeStringField("requirement", check.requirement());
            g.writeStringField("actual", check.actual());
            g.writeBooleanField("passed", check.passed());
            String note = check.note();
            if (note != null) {
                g.writeStringField("note", note);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * Starts a line in the emptied buffer with the fields every line has: {@code schema}, {@code type}, {@code time},
     * the name of what it is about ({@code experiment} or {@code migration}), {@code host} and {@code jvm}. The caller
     * writes the rest, ends the object, closes the generator and calls {@link #endLine()}.
     */
    JsonGenerator begin(String type, Instant time, String nameField, String name) throws IOException {
        buffer.reset();
        JsonGenerator g = factory.createGenerator(buffer);
        g.writeStartObject();
        g.writeNumberField("schema", SCHEMA);
        g.writeStringField("type", type);
        g.writeStringField("time", time(time));
        g.writeStringField(nameField, name);
        g.writeStringField("host", host);
        g.writeStringField("jvm", jvm);
        return g;
    }

    /** Ends the line begun by {@link #begin}; the buffer is valid until the next line. */
    LineBuffer endLine() throws IOException {
        buffer.write('\n');
        return buffer;
    }

    static String time(Instant time) {
        return TIME.format(time);
    }

    /** A run object; only a candidate's has a start delay (the control runs at once, on the caller's thread). */
    private void run(JsonGenerator g, Run<?> run, boolean candidate) throws IOException {
        g.writeStartObject();
        g.writeNumberField("durationNanos", nanos(run.duration()));
        if (candidate) {
            g.writeNumberField("startDelayNanos", nanos(run.startDelay()));
        }
        Throwable exception = run.exception();
        if (exception != null) {
            exception(g, "exception", exception);
        } else if (run.completed()) {
            PublishedValue published = run.published();
            if (published != null) {
                published(g, "value", published);
            }
        }
        if (!run.completed()) {
            g.writeBooleanField("completed", false);
        }
        if (!run.started()) {
            g.writeBooleanField("started", false);
        }
        g.writeEndObject();
    }

    /** {@code value} as {@code field}; when it was cut, with {@code fieldTruncated} and {@code fieldLength}. */
    private void published(JsonGenerator g, String field, PublishedValue value) throws IOException {
        g.writeFieldName(field);
        json.write(g, value.json());
        if (value.truncated()) {
            g.writeBooleanField(field + "Truncated", true);
            g.writeNumberField(field + "Length", value.fullLength());
        }
    }

    /** The call's key, when it has one, and its context. */
    static void keyAndContext(JsonGenerator g, @Nullable String key, Map<String, String> context) throws IOException {
        if (key != null) {
            g.writeStringField("key", key);
        }
        g.writeObjectFieldStart("context");
        for (Map.Entry<String, String> entry : context.entrySet()) {
            g.writeStringField(entry.getKey(), entry.getValue());
        }
        g.writeEndObject();
    }

    /** {@code "field": {"class": ..., "message": ... or null}}. */
    static void exception(JsonGenerator g, String field, Throwable exception) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("class", exception.getClass().getName());
        g.writeFieldName("message");
        String message = exception.getMessage();
        if (message == null) {
            g.writeNull();
        } else {
            g.writeString(message);
        }
        g.writeEndObject();
    }

    private void candidate(JsonGenerator g, CandidateResult<?> candidate) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", candidate.name());
        g.writeStringField("outcome", candidate.outcome().name());
        SkipReason reason = candidate.skipReason();
        if (reason != null) {
            g.writeStringField("skipReason", reason.name());
        }
        Run<?> run = candidate.run();
        if (run != null) {
            g.writeFieldName("run");
            run(g, run, true);
        }
        Throwable fault = candidate.fault();
        if (fault != null && candidate.outcome() == Outcome.COMPARISON_FAILED) {
            exception(g, "fault", fault);
        }
        Diff diff = candidate.diff();
        if (!diff.signature().isEmpty()) {
            g.writeStringField("signature", diff.signature());
        }
        g.writeArrayFieldStart("differences");
        for (Difference difference : diff.differences()) {
            difference(g, difference);
        }
        g.writeEndArray();
        g.writeNumberField("differenceCount", diff.total());
        g.writeBooleanField("structural", diff.structural());
        String note = note(candidate.note(), diff.note());
        if (note != null) {
            g.writeStringField("note", note);
        }
        g.writeEndObject();
    }

    /** The candidate's note and the diff's, joined when both are there (FORMAT.md has one note). */
    private static @Nullable String note(@Nullable String candidate, @Nullable String diff) {
        if (candidate == null || diff == null) {
            return candidate == null ? diff : candidate;
        }
        return candidate.equals(diff) ? candidate : candidate + "; " + diff;
    }

    private void difference(JsonGenerator g, Difference difference) throws IOException {
        g.writeStartObject();
        g.writeStringField("op", difference.op().rfcName());
        g.writeStringField("path", difference.path());
        String value = difference.value();
        String previous = difference.previous();
        // FORMAT.md: no value for remove, no previous for add, whatever the difference carries
        if (value != null && difference.op() != Operation.REMOVE) {
            g.writeFieldName("value");
            json.write(g, value);
        }
        if (previous != null && difference.op() != Operation.ADD) {
            g.writeFieldName("previous");
            json.write(g, previous);
        }
        String textDiff = difference.textDiff();
        if (textDiff != null) {
            g.writeStringField("textDiff", textDiff);
        }
        g.writeEndObject();
    }

    private static void outcomes(JsonGenerator g, Map<Outcome, Long> counts) throws IOException {
        g.writeStartObject();
        for (Outcome outcome : Outcome.values()) {
            g.writeNumberField(outcome.name(), counts.getOrDefault(outcome, 0L));
        }
        g.writeEndObject();
    }

    private static void latency(JsonGenerator g, LatencySummary latency) throws IOException {
        g.writeStartObject();
        g.writeNumberField("count", latency.count());
        g.writeNumberField("p50Nanos", nanos(latency.p50()));
        g.writeNumberField("p90Nanos", nanos(latency.p90()));
        g.writeNumberField("p99Nanos", nanos(latency.p99()));
        g.writeNumberField("maxNanos", nanos(latency.max()));
        g.writeEndObject();
    }

    /** Nanoseconds, saturated instead of overflowing for durations past 292 years. */
    private static long nanos(Duration duration) {
        try {
            return Math.max(0, duration.toNanos());
        } catch (ArithmeticException e) {
            return duration.isNegative() ? 0 : Long.MAX_VALUE;
        }
    }
}
