package dev.parallelrun.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.parallelrun.report.MigrationSummary.Counts;
import dev.parallelrun.report.MigrationSummary.FailedWrite;
import dev.parallelrun.report.MigrationSummary.Position;
import dev.parallelrun.report.MigrationSummary.Rollback;
import dev.parallelrun.report.MigrationSummary.SideCounts;
import dev.parallelrun.report.MigrationSummary.StageEntry;
import dev.parallelrun.report.MigrationSummary.Trip;
import dev.parallelrun.report.MigrationSummary.WriteFailures;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One migration of the {@link JsonReport}: where it stands, timeline, rollbacks, readiness, counts, failed writes. */
final class JsonMigrations {

    private JsonMigrations() {}

    static void migration(MigrationSummary migration, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("migration", migration.migration());
        json.writeStringField("stage", migration.badge());
        json.writeBooleanField("rollbackPending", migration.rollbackPending());
        JsonExperiment.time(json, "firstSeen", migration.firstSeen());
        JsonExperiment.time(json, "lastSeen", migration.lastSeen());
        json.writeNumberField("stageLines", migration.stageLines());
        json.writeNumberField("writeFailureLines", migration.writeFailureLines());
        json.writeNumberField("summaryLines", migration.summaryLines());
        json.writeArrayFieldStart("positions");
        for (Position position : migration.positions()) {
            json.writeStartObject();
            json.writeStringField("host", position.host());
            json.writeStringField("jvm", position.jvm());
            json.writeStringField("stage", position.stage());
            JsonExperiment.text(json, "sourceStage", position.sourceStage());
            JsonExperiment.time(json, "since", position.since());
            json.writeBooleanField("rollbackPending", position.rollbackPending());
            JsonExperiment.time(json, "asOf", position.asOf());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("timeline");
        for (StageEntry entry : migration.timeline()) {
            entry(entry, json);
        }
        json.writeEndArray();
        json.writeNumberField("timelineOmitted", migration.timelineOmitted());
        json.writeArrayFieldStart("rollbacks");
        for (Rollback rollback : migration.rollbacks()) {
            json.writeStartObject();
            json.writeFieldName("entry");
            entry(rollback.entry(), json);
            json.writeBooleanField("acknowledged", rollback.acknowledged());
            JsonExperiment.time(json, "acknowledgedAt", rollback.acknowledgedAt());
            json.writeEndObject();
        }
        json.writeEndArray();
        readiness(migration, json);
        counts(migration.counts(), json);
        writeFailures(migration.writeFailures(), json);
        json.writeObjectFieldStart("experiments");
        json.writeStringField("shadow", migration.shadowExperiment());
        json.writeStringField("live", migration.liveExperiment());
        json.writeEndObject();
        JsonExperiment.nextSteps(json, migration.nextSteps(), List.of()); // a migration's steps point at no group
        JsonExperiment.strings(json, "notes", migration.notes());
        json.writeEndObject();
    }

    private static void entry(StageEntry entry, JsonGenerator json) throws IOException {
        json.writeStartObject();
        JsonExperiment.time(json, "time", entry.time());
        json.writeStringField("host", entry.host());
        json.writeStringField("jvm", entry.jvm());
        JsonExperiment.text(json, "from", entry.from());
        json.writeStringField("to", entry.to());
        json.writeStringField("cause", entry.cause());
        json.writeStringField("reason", entry.reason());
        Trip trip = entry.trip();
        if (trip == null) {
            json.writeNullField("trip");
        } else {
            json.writeObjectFieldStart("trip");
            json.writeStringField("criterion", trip.criterion());
            JsonExperiment.number(json, "actual", trip.actual());
            JsonExperiment.number(json, "limit", trip.limit());
            json.writeNumberField("calls", trip.calls());
            json.writeStringField("detail", trip.detail());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void readiness(MigrationSummary migration, JsonGenerator json) throws IOException {
        Verdict readiness = migration.readiness();
        if (readiness == null) {
            json.writeNullField("readiness");
            return;
        }
        json.writeObjectFieldStart("readiness");
        json.writeStringField("status", readiness.status().name());
        json.writeBooleanField("ready", readiness.ready());
        json.writeStringField("verdict", readiness.verdict());
        JsonExperiment.time(json, "asOf", migration.readinessAt());
        JsonExperiment.text(json, "host", migration.readinessHost());
        JsonExperiment.checks(json, readiness.checks(), false);
        json.writeEndObject();
    }

    private static void counts(@Nullable Counts counts, JsonGenerator json) throws IOException {
        if (counts == null) {
            json.writeNullField("counts");
            return;
        }
        json.writeObjectFieldStart("counts");
        json.writeNumberField("reads", counts.reads());
        json.writeNumberField("fallbacks", counts.fallbacks());
        json.writeNumberField("writes", counts.writes());
        json.writeNumberField("writeFailures", counts.writeFailures());
        json.writeNumberField("stageChanges", counts.stageChanges());
        json.writeNumberField("stageSourceFaults", counts.stageSourceFaults());
        json.writeNumberField("unpublished", counts.unpublished());
        side(json, "old", counts.oldSide());
        side(json, "new", counts.newSide());
        json.writeNumberField("jvms", counts.jvms());
        json.writeEndObject();
    }

    private static void side(JsonGenerator json, String field, SideCounts side) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeNumberField("reads", side.reads());
        json.writeNumberField("readErrors", side.readErrors());
        json.writeNumberField("writes", side.writes());
        json.writeNumberField("writeErrors", side.writeErrors());
        json.writeEndObject();
    }

    private static void writeFailures(WriteFailures failures, JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("writeFailures");
        json.writeNumberField("total", failures.total());
        JsonExperiment.counts(json, "bySide", failures.bySide());
        JsonExperiment.counts(json, "byStage", failures.byStage());
        json.writeNumberField("withoutKey", failures.withoutKey());
        json.writeNumberField("distinctKeys", failures.distinctKeys());
        json.writeBooleanField("distinctKeysBounded", failures.distinctKeysBounded());
        JsonExperiment.time(json, "first", failures.first());
        JsonExperiment.time(json, "last", failures.last());
        json.writeArrayFieldStart("latest");
        for (FailedWrite failure : failures.latest()) {
            json.writeStartObject();
            JsonExperiment.time(json, "time", failure.time());
            json.writeStringField("host", failure.host());
            json.writeStringField("jvm", failure.jvm());
            JsonExperiment.text(json, "key", failure.key());
            json.writeStringField("side", failure.side());
            json.writeStringField("stage", failure.stage());
            json.writeStringField("exceptionClass", failure.exceptionClass());
            JsonExperiment.text(json, "message", failure.message());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
