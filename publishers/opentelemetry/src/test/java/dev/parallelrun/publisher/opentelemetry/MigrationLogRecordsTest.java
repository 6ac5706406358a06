package dev.parallelrun.publisher.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.RollbackPolicy;
import dev.parallelrun.experiment.migration.Side;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.experiment.migration.WriteFailure;
import dev.parallelrun.runtime.RuntimeLaboratory;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A migration's records as log records: one per stage change with the migration, the stages, the cause and a
 * rollback's trip as attributes (a rollback at WARN), one per failed other write with its side, stage and exception
 * class (its key only when asked for), never its context or message.
 */
class MigrationLogRecordsTest {

    private static final Instant AT = Instant.parse("2026-03-02T09:41:07.512Z");

    @RegisterExtension
    final InMemoryTelemetry telemetry = new InMemoryTelemetry();

    private final OpenTelemetryPublisher publisher = telemetry.publisher();

    private List<LogRecordData> records(String event) {
        return telemetry.logRecords().stream()
                .filter(r -> event.equals(r.getEventName()))
                .toList();
    }

    private static <T> T attribute(LogRecordData record, AttributeKey<T> key) {
        return record.getAttributes().get(key);
    }

    @Test
    void aRollbackIsAWarningWithItsTripAsAttributes() {
        StageChange rollback = new StageChange(
                "customer-store",
                Stage.LIVE,
                Stage.SHADOW,
                AT,
                StageChange.Cause.ROLLBACK,
                new StageChange.Trip(
                        RollbackPolicy.Criterion.READ_ERROR_RATE,
                        0.011,
                        0.01,
                        1_000,
                        "11 failed reads of the new side in a window of 1000"));
        publisher.publishStage(rollback);

        LogRecordData record = records(OpenTelemetryPublisher.STAGE_EVENT).get(0);
        assertThat(record.getEventName()).isEqualTo("parallelrun.migration.stage");
        assertThat(record.getSeverity()).isEqualTo(Severity.WARN);
        assertThat(record.getSeverityText()).isEqualTo("WARN");
        assertThat(record.getTimestampEpochNanos())
                .isEqualTo(TimeUnit.SECONDS.toNanos(AT.getEpochSecond()) + AT.getNano());
        assertThat(record.getAttributes().asMap()).hasSize(8);
        assertThat(attribute(record, OpenTelemetryPublisher.MIGRATION_NAME)).isEqualTo("customer-store");
        assertThat(attribute(record, OpenTelemetryPublisher.MIGRATION_FROM)).isEqualTo("LIVE");
        assertThat(attribute(record, OpenTelemetryPublisher.MIGRATION_TO)).isEqualTo("SHADOW");
        assertThat(attribute(record, OpenTelemetryPublisher.MIGRATION_CAUSE)).isEqualTo("ROLLBACK");
        assertThat(attribute(record, OpenTelemetryPublisher.ROLLBACK_CRITERION)).isEqualTo("READ_ERROR_RATE");
        assertThat(attribute(record, OpenTelemetryPublisher.ROLLBACK_ACTUAL)).isEqualTo(0.011);
        assertThat(attribute(record, OpenTelemetryPublisher.ROLLBACK_LIMIT)).isEqualTo(0.01);
        assertThat(attribute(record, OpenTelemetryPublisher.ROLLBACK_CALLS)).isEqualTo(1_000L);
        assertThat(record.getBodyValue().asString())
                .isEqualTo("migration 'customer-store' LIVE -> SHADOW: rolled back:"
                        + " 11 failed reads of the new side in a window of 1000");
        assertThat(record.getSpanContext().isValid())
                .as("in no request's trace")
                .isFalse();
    }

    @Test
    void otherStageChangesAreInfoWithoutATrip() {
        publisher.publishStage(new StageChange("customer-store", null, Stage.OFF, AT, StageChange.Cause.STARTED, null));
        publisher.publishStage(
                new StageChange("customer-store", Stage.OFF, Stage.DUAL_WRITE, AT, StageChange.Cause.SOURCE, null));
        publisher.publishStage(new StageChange(
                "customer-store", Stage.SHADOW, Stage.SHADOW, AT, StageChange.Cause.ACKNOWLEDGED, null));

        List<LogRecordData> records = records(OpenTelemetryPublisher.STAGE_EVENT);
        assertThat(records)
                .extracting(
                        LogRecordData::getSeverity,
                        r -> attribute(r, OpenTelemetryPublisher.MIGRATION_FROM),
                        r -> attribute(r, OpenTelemetryPublisher.MIGRATION_TO),
                        r -> attribute(r, OpenTelemetryPublisher.MIGRATION_CAUSE))
                .containsExactly(
                        tuple(Severity.INFO, null, "OFF", "STARTED"),
                        tuple(Severity.INFO, "OFF", "DUAL_WRITE", "SOURCE"),
                        tuple(Severity.INFO, "SHADOW", "SHADOW", "ACKNOWLEDGED"));
        assertThat(records)
                .allSatisfy(r -> assertThat(attribute(r, OpenTelemetryPublisher.ROLLBACK_CRITERION))
                        .isNull());
        assertThat(records.get(1).getBodyValue().asString())
                .isEqualTo("migration 'customer-store' OFF -> DUAL_WRITE: stage source said DUAL_WRITE");
    }

    @Test
    void aFailedWriteCarriesItsSideStageAndExceptionClassButNotItsKeyContextOrMessage() {
        publisher.publishWriteFailure(new WriteFailure(
                "customer-store",
                "ada@example.com",
                Map.of("postcode", "SW1A 1AA"),
                Side.NEW,
                Stage.SHADOW,
                AT,
                new IllegalStateException("Column \"POSTCODE\" not found (SW1A 1AA)")));

        LogRecordData record =
                records(OpenTelemetryPublisher.WRITE_FAILURE_EVENT).get(0);
        assertThat(record.getEventName()).isEqualTo("parallelrun.migration.write_failure");
        assertThat(record.getSeverity()).isEqualTo(Severity.WARN);
        assertThat(record.getAttributes().asMap()).hasSize(4);
        assertThat(attribute(record, OpenTelemetryPublisher.MIGRATION_NAME)).isEqualTo("customer-store");
        assertThat(attribute(record, OpenTelemetryPublisher.WRITE_KEY)).isNull();
        assertThat(attribute(record, OpenTelemetryPublisher.WRITE_SIDE)).isEqualTo("NEW");
        assertThat(attribute(record, OpenTelemetryPublisher.WRITE_STAGE)).isEqualTo("SHADOW");
        assertThat(attribute(record, OpenTelemetryPublisher.ERROR_TYPE)).isEqualTo("java.lang.IllegalStateException");
        assertThat(record.getBodyValue().asString())
                .isEqualTo("migration 'customer-store': the NEW side's write failed"
                        + " in SHADOW (java.lang.IllegalStateException)");
        assertThat(record.toString())
                .doesNotContain("ada@example.com")
                .doesNotContain("SW1A")
                .doesNotContain("POSTCODE");
    }

    @Test
    void keysOfFailedWritesAreSentOnlyWhenAskedFor() {
        OpenTelemetryPublisher keyed = telemetry.publisher(options -> options.writeFailureKeys(true));
        keyed.publishWriteFailure(new WriteFailure(
                "customer-store",
                "2107",
                Map.of("email", "ada@example.com"),
                Side.OLD,
                Stage.LIVE,
                AT,
                new IllegalStateException("down (ada@example.com)")));

        LogRecordData record =
                records(OpenTelemetryPublisher.WRITE_FAILURE_EVENT).get(0);
        assertThat(record.getAttributes().asMap()).hasSize(5);
        assertThat(attribute(record, OpenTelemetryPublisher.WRITE_KEY)).isEqualTo("2107");
        assertThat(attribute(record, OpenTelemetryPublisher.WRITE_SIDE)).isEqualTo("OLD");
        assertThat(attribute(record, OpenTelemetryPublisher.WRITE_STAGE)).isEqualTo("LIVE");
        assertThat(record.getBodyValue().asString())
                .isEqualTo("migration 'customer-store': the OLD side's write failed"
                        + " in LIVE for key 2107 (java.lang.IllegalStateException)");
        assertThat(record.toString()).doesNotContain("ada@example.com");
    }

    @Test
    void aRealMigrationsTimelineAndFailedWritesBecomeLogRecordsInOrder() throws IOException {
        AtomicReference<Stage> flag = new AtomicReference<>(Stage.OFF);
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(publisher).build()) {
            Migration<String> customers = lab.migration("customer-store", String.class)
                    .stage(flag::get)
                    .rollback(RollbackPolicy.defaults().withMinCalls(10))
                    .build();
            flag.set(Stage.DUAL_WRITE);
            customers.write(Call.keyed("42"), () -> 1, () -> {
                throw new IllegalStateException("new store down");
            });
            flag.set(Stage.LIVE);
            for (int i = 0; i < 100 && customers.rollback() == null; i++) {
                customers.read(Call.keyed(String.valueOf(i)), () -> "ada", () -> {
                    throw new IOException("new store down");
                });
            }
            await().until(() -> records(OpenTelemetryPublisher.STAGE_EVENT).size()
                            == customers.history().size()
                    && records(OpenTelemetryPublisher.WRITE_FAILURE_EVENT).size() == 1);
        }

        assertThat(records(OpenTelemetryPublisher.STAGE_EVENT))
                .extracting(
                        r -> attribute(r, OpenTelemetryPublisher.MIGRATION_CAUSE),
                        r -> attribute(r, OpenTelemetryPublisher.MIGRATION_TO),
                        LogRecordData::getSeverity)
                .containsExactly(
                        tuple("STARTED", "OFF", Severity.INFO),
                        tuple("SOURCE", "DUAL_WRITE", Severity.INFO),
                        tuple("SOURCE", "LIVE", Severity.INFO),
                        tuple("ROLLBACK", "SHADOW", Severity.WARN));
        LogRecordData failure =
                records(OpenTelemetryPublisher.WRITE_FAILURE_EVENT).get(0);
        assertThat(attribute(failure, OpenTelemetryPublisher.WRITE_SIDE)).isEqualTo("NEW");
        assertThat(attribute(failure, OpenTelemetryPublisher.WRITE_KEY)).isNull();
    }

    @Test
    void recordsAfterCloseEmitNothing() {
        publisher.close();
        publisher.publishStage(new StageChange("late", null, Stage.OFF, AT, StageChange.Cause.STARTED, null));
        publisher.publishWriteFailure(new WriteFailure(
                "late", "1", Map.of(), Side.NEW, Stage.DUAL_WRITE, AT, new IllegalStateException("down")));

        assertThat(telemetry.logRecords()).isEmpty();
    }

    @Test
    void anSdkThatThrowsNeverReachesThePublishingThread() {
        Logger throwing = new Logger() {
            @Override
            public LogRecordBuilder logRecordBuilder() {
                throw new IllegalStateException("exporter broken");
            }
        };
        OpenTelemetry broken = new OpenTelemetry() {
            @Override
            public TracerProvider getTracerProvider() {
                return TracerProvider.noop();
            }

            @Override
            public LoggerProvider getLogsBridge() {
                return name -> new io.opentelemetry.api.logs.LoggerBuilder() {
                    @Override
                    public io.opentelemetry.api.logs.LoggerBuilder setSchemaUrl(String schemaUrl) {
                        return this;
                    }

                    @Override
                    public io.opentelemetry.api.logs.LoggerBuilder setInstrumentationVersion(String version) {
                        return this;
                    }

                    @Override
                    public Logger build() {
                        return throwing;
                    }
                };
            }

            @Override
            public ContextPropagators getPropagators() {
                return ContextPropagators.noop();
            }
        };
        OpenTelemetryPublisher failing = OpenTelemetryPublisher.create(broken);

        assertThatCode(() -> failing.publishStage(
                        new StageChange("m", null, Stage.OFF, AT, StageChange.Cause.STARTED, null)))
                .doesNotThrowAnyException();
        assertThatCode(() -> failing.publishWriteFailure(new WriteFailure(
                        "m", "1", Map.of(), Side.NEW, Stage.DUAL_WRITE, AT, new IllegalStateException("down"))))
                .doesNotThrowAnyException();
        assertThat(failing.failures()).isEqualTo(2);
    }
}
