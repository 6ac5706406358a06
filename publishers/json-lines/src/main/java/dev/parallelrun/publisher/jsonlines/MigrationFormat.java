package dev.parallelrun.publisher.jsonlines;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.migration.MigrationStats;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.experiment.migration.WriteFailure;
import java.io.IOException;
import java.time.Instant;

/**
 * Schema 2 of FORMAT.md, the migration's lines: a stage change, a failed write of the other side, and a migration's
 * periodic summary, each one line in the buffer of the {@link LineFormat} it is made with. Not thread-safe: the
 * publisher calls it under its write lock.
 */
final class MigrationFormat {

    private final LineFormat format;

    MigrationFormat(LineFormat format) {
        this.format = format;
    }

    /**
     * The {@code "stage"} line of {@code change}, valid until the next line.
     *
     * @throws LineBuffer.TooLarge when the line would be longer than the limit
     */
    LineBuffer stage(StageChange change) throws IOException {
        try (JsonGenerator g = format.begin("stage", change.at(), "migration", change.migration())) {
            Stage from = change.from();
            if (from != null) {
                g.writeStringField("from", from.name());
            }
            g.writeStringField("to", change.to().name());
            g.writeStringField("cause", change.cause().name());
            g.writeStringField("reason", change.reason());
            StageChange.Trip trip = change.trip();
            if (trip != null) {
                trip(g, trip);
            }
            g.writeEndObject();
        }
        return format.endLine();
    }

    /**
     * The {@code "writeFailure"} line of {@code failure}, valid until the next line.
     *
     * @throws LineBuffer.TooLarge when the line would be longer than the limit
     */
    LineBuffer writeFailure(WriteFailure failure) throws IOException {
        try (JsonGenerator g = format.begin("writeFailure", failure.at(), "migration", failure.migration())) {
            LineFormat.keyAndContext(g, failure.key(), failure.context());
            g.writeStringField("side", failure.side().name());
            g.writeStringField("stage", failure.stage().name());
            LineFormat.exception(g, "exception", failure.exception());
            g.writeEndObject();
        }
        return format.endLine();
    }

    /**
     * The {@code "migration"} summary line of {@code stats} and {@code readiness}, taken at {@code now}, valid until
     * the next line.
     *
     * @throws LineBuffer.TooLarge when the line would be longer than the limit
     */
    LineBuffer summary(MigrationStats stats, Readiness readiness, Instant now) throws IOException {
        try (JsonGenerator g = format.begin("migration", now, "migration", stats.migration())) {
            g.writeStringField("stage", stats.stage().name());
            Stage source = stats.sourceStage();
            if (source != null) {
                g.writeStringField("sourceStage", source.name());
            }
            g.writeStringField("stageSince", LineFormat.time(stats.stageSince()));
            StageChange rollback = stats.rollback();
            g.writeBooleanField("rollbackPending", rollback != null);
            StageChange.Trip trip = rollback == null ? null : rollback.trip();
            if (rollback != null && trip != null) {
                g.writeObjectFieldStart("rollback");
                g.writeStringField("time", LineFormat.time(rollback.at()));
                Stage from = rollback.from();
                if (from != null) {
                    g.writeStringField("from", from.name());
                }
                trip(g, trip);
                g.writeEndObject();
            }
            g.writeNumberField("reads", stats.reads());
            g.writeNumberField("fallbacks", stats.fallbacks());
            g.writeNumberField("writes", stats.writes());
            g.writeNumberField("writeFailures", stats.writeFailures());
            g.writeNumberField("stageChanges", stats.stageChanges());
            g.writeNumberField("stageSourceFaults", stats.stageSourceFaults());
            g.writeNumberField("unpublished", stats.unpublished());
            g.writeObjectFieldStart("sides");
            side(g, "old", stats.oldSide());
            side(g, "new", stats.newSide());
            g.writeEndObject();
            g.writeObjectFieldStart("experiments");
            g.writeStringField("shadow", stats.shadowReads().experiment());
            g.writeStringField("live", stats.liveReads().experiment());
            g.writeEndObject();
            LineFormat.readiness(g, readiness);
            g.writeEndObject();
        }
        return format.endLine();
    }

    /** {@code "trip": {"criterion", "actual", "limit", "calls", "detail"}}; a figure that is not finite is null. */
    private static void trip(JsonGenerator g, StageChange.Trip trip) throws IOException {
        g.writeObjectFieldStart("trip");
        g.writeStringField("criterion", trip.criterion().name());
        number(g, "actual", trip.actual());
        number(g, "limit", trip.limit());
        g.writeNumberField("calls", trip.calls());
        g.writeStringField("detail", trip.detail());
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String field, double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumberField(field, value);
        } else {
            g.writeNullField(field); // JSON has no NaN or infinity
        }
    }

    private static void side(JsonGenerator g, String field, MigrationStats.SideStats side) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeNumberField("reads", side.reads());
        g.writeNumberField("readErrors", side.readErrors());
        g.writeNumberField("writes", side.writes());
        g.writeNumberField("writeErrors", side.writeErrors());
        g.writeEndObject();
    }
}
