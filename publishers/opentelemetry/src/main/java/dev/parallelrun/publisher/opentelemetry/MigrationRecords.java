package dev.parallelrun.publisher.opentelemetry;

import static dev.parallelrun.publisher.opentelemetry.OpenTelemetryPublisher.ERROR_TYPE;
import static dev.parallelrun.publisher.opentelemetry.OpenTelemetryPublisher.MIGRATION_CAUSE;
import static dev.parallelrun.publisher.opentelemetry.OpenTelemetryPublisher.MIGRATION_FROM;
import static dev.parallelrun.publisher.opentelemetry.OpenTelemetryPublisher.MIGRATION_NAME;
import static dev.parallelrun.publisher.opentelemetry.OpenTelemetryPublisher.MIGRATION_TO;
import static dev.parallelrun.publisher.opentelemetry.OpenTelemetryPublisher.ROLLBACK_ACTUAL;
import static dev.parallelrun.publisher.opentelemetry.OpenTelemetryPublisher.ROLLBACK_CALLS;
import static dev.parallelrun.publisher.opentelemetry.OpenTelemetryPublisher.ROLLBACK_CRITERION;
import static dev.parallelrun.publisher.opentelemetry.OpenTelemetryPublisher.ROLLBACK_LIMIT;
import static dev.parallelrun.publisher.opentelemetry.OpenTelemetryPublisher.WRITE_KEY;
import static dev.parallelrun.publisher.opentelemetry.OpenTelemetryPublisher.WRITE_SIDE;
import static dev.parallelrun.publisher.opentelemetry.OpenTelemetryPublisher.WRITE_STAGE;

import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.experiment.migration.WriteFailure;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;

/**
 * A migration's records as log records: one per stage change (a rollback at WARN, with its trip), one per failed write
 * of the other side (at WARN). Neither belongs to a request's trace: a stage change is seen by some call but is about
 * the migration, and a failed other write ran after the caller's write, so both are emitted in the root context.
 */
final class MigrationRecords {

    private final Logger logger;
    private final boolean writeFailureKeys;

    MigrationRecords(Logger logger, boolean writeFailureKeys) {
        this.logger = logger;
        this.writeFailureKeys = writeFailureKeys;
    }

    void stage(StageChange change) {
        AttributesBuilder attributes = Attributes.builder()
                .put(MIGRATION_NAME, change.migration())
                .put(MIGRATION_TO, change.to().name())
                .put(MIGRATION_CAUSE, change.cause().name());
        Stage from = change.from();
        if (from != null) {
            attributes.put(MIGRATION_FROM, from.name());
        }
        StageChange.Trip trip = change.trip();
        if (trip != null) {
            attributes
                    .put(ROLLBACK_CRITERION, trip.criterion().name())
                    .put(ROLLBACK_ACTUAL, trip.actual())
                    .put(ROLLBACK_LIMIT, trip.limit())
                    .put(ROLLBACK_CALLS, trip.calls());
        }
        boolean rollback = change.rollback();
        logger.logRecordBuilder()
                .setEventName(OpenTelemetryPublisher.STAGE_EVENT)
                .setContext(Context.root())
                .setTimestamp(change.at())
                .setSeverity(rollback ? Severity.WARN : Severity.INFO)
                .setSeverityText(rollback ? "WARN" : "INFO")
                .setAllAttributes(attributes.build())
                .setBody("migration '" + change.migration() + "' " + (from == null ? "" : from + " -> ") + change.to()
                        + ": " + change.reason())
                .emit();
    }

    void writeFailure(WriteFailure failure) {
        String errorType = failure.exception().getClass().getName();
        AttributesBuilder attributes = Attributes.builder()
                .put(MIGRATION_NAME, failure.migration())
                .put(WRITE_SIDE, failure.side().name())
                .put(WRITE_STAGE, failure.stage().name())
                .put(ERROR_TYPE, errorType);
        String key = writeFailureKeys ? failure.key() : null;
        if (key != null) {
            attributes.put(WRITE_KEY, key);
        }
        logger.logRecordBuilder()
                .setEventName(OpenTelemetryPublisher.WRITE_FAILURE_EVENT)
                .setContext(Context.root())
                .setTimestamp(failure.at())
                .setSeverity(Severity.WARN)
                .setSeverityText("WARN")
                .setAllAttributes(attributes.build())
                .setBody("migration '" + failure.migration() + "': the " + failure.side() + " side's write failed in "
                        + failure.stage() + (key == null ? "" : " for key " + key) + " (" + errorType + ")")
                .emit();
    }
}
