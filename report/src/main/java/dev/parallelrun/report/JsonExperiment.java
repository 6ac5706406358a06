package dev.parallelrun.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.experiment.Outcome;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One experiment of the {@link JsonReport}: its figures, readiness, trend and notes, and the shared field forms. */
final class JsonExperiment {

    private JsonExperiment() {}

    static void experiment(ExperimentSummary experiment, JsonGenerator json) throws IOException {
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
        readiness(experiment.readiness(), json);
        Criteria criteria = experiment.criteria();
        if (criteria == null) {
            json.writeNullField("criteria");
        } else {
            json.writeObjectFieldStart("criteria");
            json.writeNumberField("minComparedSamples", criteria.minComparedSamples());
            json.writeNumberField("maxMismatchRate", criteria.maxMismatchRate());
            json.writeNumberField("maxErrorRate", criteria.maxErrorRate());
            json.writeNumberField("maxP99Ratio", criteria.maxP99Ratio());
            json.writeNumberField("latencyFloorNanos", criteria.latencyFloorNanos());
            json.writeNumberField("maxSkippedShare", criteria.maxSkippedShare());
            json.writeEndObject();
        }
        nextSteps(json, experiment.nextSteps(), experiment.groups());
        json.writeObjectFieldStart("expiry");
        if (experiment.expiry().expiresOn() == null) {
            json.writeNullField("expiresOn");
        } else {
            json.writeStringField("expiresOn", experiment.expiry().expiresOn().toString());
        }
        json.writeBooleanField("expired", experiment.expiry().expired());
        json.writeEndObject();
        outcomes(json, "resultOutcomes", experiment.resultOutcomes());
        counts(json, "resultSkipReasons", experiment.resultSkipReasons());
        json.writeArrayFieldStart("groups");
        for (SignatureGroup group : experiment.groups()) {
            JsonGroups.group(group, json);
        }
        json.writeEndArray();
        json.writeNumberField("untrackedGroupResults", experiment.untrackedGroupResults());
        json.writeArrayFieldStart("noisyPaths");
        for (NoisyPath path : experiment.noisyPaths()) {
            json.writeStartObject();
            json.writeStringField("path", path.path());
            json.writeNumberField("differing", path.differing());
            json.writeNumberField("compared", path.compared());
            number(json, "share", path.share());
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
            number(json, "rate", point.rate());
            json.writeNumberField("mismatchResults", point.mismatchResults());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        strings(json, "notes", experiment.notes());
        json.writeEndObject();
    }

    private static void totals(Totals totals, JsonGenerator json) throws IOException {
        CandidateStats all = totals.all();
        json.writeObjectFieldStart("totals");
        json.writeNumberField("sampled", totals.sampled());
        json.writeNumberField("dropped", totals.dropped());
        json.writeNumberField("compared", all.compared());
        json.writeNumberField("candidateRuns", totals.candidateRuns());
        json.writeNumberField("notCompared", totals.notCompared());
        outcomes(json, "outcomes", all.outcomes());
        counts(json, "skipped", totals.skipped());
        json.writeNumberField("skippedWithoutReason", totals.skippedWithoutReason());
        number(json, "skippedShare", totals.skippedShare());
        Totals.Runaways runaways = totals.runaways();
        if (runaways == null) {
            json.writeNullField("runaways");
        } else {
            json.writeObjectFieldStart("runaways");
            json.writeNumberField("now", runaways.now());
            json.writeNumberField("total", runaways.total());
            json.writeEndObject();
        }
        json.writeNumberField("candidateErrors", all.errors());
        number(json, "mismatchRate", all.mismatchRate());
        number(json, "candidateErrorRate", all.errorRate());
        json.writeObjectFieldStart("latency");
        latency(json, "control", totals.control());
        latency(json, "candidate", all.latency());
        latency(json, "schedulingDelay", totals.schedulingDelay());
        number(json, "p50Ratio", totals.p50Ratio());
        number(json, "p99Ratio", totals.p99Ratio());
        json.writeNumberField("jvms", totals.latencyJvms());
        json.writeBooleanField("approximate", totals.latencyApproximate());
        json.writeEndObject();
        json.writeArrayFieldStart("candidates");
        for (CandidateStats candidate : totals.candidates()) {
            json.writeStartObject();
            json.writeStringField("name", candidate.candidate());
            outcomes(json, "outcomes", candidate.outcomes());
            json.writeNumberField("errors", candidate.errors());
            number(json, "mismatchRate", candidate.mismatchRate());
            number(json, "errorRate", candidate.errorRate());
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

    private static void readiness(@Nullable Verdict readiness, JsonGenerator json) throws IOException {
        if (readiness == null) {
            json.writeNullField("readiness");
            return;
        }
        json.writeObjectFieldStart("readiness");
        json.writeStringField("status", readiness.status().name());
        json.writeBooleanField("ready", readiness.ready());
        json.writeStringField("verdict", readiness.verdict());
        json.writeBooleanField("fromSummaryLine", readiness.fromSummaryLine());
        json.writeArrayFieldStart("failing");
        for (Verdict.Check check : readiness.failing()) {
            json.writeString(check.criterion());
        }
        json.writeEndArray();
        checks(json, readiness.checks(), true);
        json.writeEndObject();
    }

    static void counts(JsonGenerator json, String field, Map<String, Long> counts) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            json.writeNumberField(count.getKey(), count.getValue());
        }
        json.writeEndObject();
    }

    static void latency(JsonGenerator json, String field, LatencySummary latency) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeNumberField("count", latency.count());
        json.writeNumberField("p50Nanos", latency.p50().toNanos());
        json.writeNumberField("p90Nanos", latency.p90().toNanos());
        json.writeNumberField("p99Nanos", latency.p99().toNanos());
        json.writeNumberField("maxNanos", latency.max().toNanos());
        json.writeEndObject();
    }

    static void outcomes(JsonGenerator json, String field, Map<Outcome, Long> outcomes) throws IOException {
        json.writeObjectFieldStart(field);
        for (Outcome outcome : Outcome.values()) {
            json.writeNumberField(outcome.name(), outcomes.getOrDefault(outcome, 0L));
        }
        json.writeEndObject();
    }

    /** A finite number, or {@code null} for NaN and the infinities (a rate of nothing, a ratio over zero). */
    static void number(JsonGenerator json, String field, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumberField(field, value);
        } else {
            json.writeNullField(field);
        }
    }

    static void text(JsonGenerator json, String field, @Nullable String value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, value);
        }
    }

    static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    /** The steps; one that points at a group gives its number among {@code groups}, from 1. */
    static void nextSteps(JsonGenerator json, List<NextStep> steps, List<SignatureGroup> groups) throws IOException {
        json.writeArrayFieldStart("nextSteps");
        for (NextStep step : steps) {
            json.writeStartObject();
            json.writeStringField("topic", step.topic().name());
            json.writeStringField("text", step.text());
            if (step.code() != null) {
                json.writeStringField("code", step.code());
            }
            if (step.group() != null) {
                json.writeNumberField("group", groups.indexOf(step.group()) + 1);
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** The checks of a verdict; {@code kinds}: with each one's kind. */
    static void checks(JsonGenerator json, List<Verdict.Check> checks, boolean kinds) throws IOException {
        json.writeArrayFieldStart("checks");
        for (Verdict.Check check : checks) {
            json.writeStartObject();
            json.writeStringField("criterion", check.criterion());
            if (kinds) {
                json.writeStringField("kind", check.kind().name());
            }
            json.writeStringField("requirement", check.requirement());
            json.writeStringField("actual", check.actual());
            json.writeBooleanField("passed", check.passed());
            if (check.note() != null) {
                json.writeStringField("note", check.note());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    static void time(JsonGenerator json, String field, @Nullable Instant time) throws IOException {
        if (time == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, time.toString());
        }
    }
}
