package dev.parallelrun.publisher.micrometer;

import static io.micrometer.core.tck.MeterRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.RollbackPolicy;
import dev.parallelrun.experiment.migration.Side;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.experiment.migration.WriteFailure;
import dev.parallelrun.runtime.RuntimeLaboratory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A migration's meters: registered on its first record, the stage gauge as the stage's ordinal, rollbacks counted by
 * criterion and pending until acknowledged, failed other writes counted by side, never a key in a tag.
 */
class MigrationMetersTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicReference<Stage> flag = new AtomicReference<>(Stage.OFF);

    private double stage(String migration) {
        return registry.get(MicrometerPublisher.MIGRATION_STAGE)
                .tags(MicrometerPublisher.MIGRATION_TAG, migration)
                .gauge()
                .value();
    }

    private double pending(String migration) {
        return registry.get(MicrometerPublisher.MIGRATION_ROLLBACK_PENDING)
                .tags(MicrometerPublisher.MIGRATION_TAG, migration)
                .gauge()
                .value();
    }

    private Counter rollbacks(String migration, RollbackPolicy.Criterion criterion) {
        return registry.get(MicrometerPublisher.MIGRATION_ROLLBACKS)
                .tags(MicrometerPublisher.MIGRATION_TAG, migration, MicrometerPublisher.CRITERION_TAG, criterion.name())
                .counter();
    }

    private Counter writeFailures(String migration, Side side) {
        return registry.get(MicrometerPublisher.MIGRATION_WRITE_FAILURES)
                .tags(MicrometerPublisher.MIGRATION_TAG, migration, MicrometerPublisher.SIDE_TAG, side.name())
                .counter();
    }

    private Migration<String> migration(RuntimeLaboratory lab) {
        return lab.migration("customer-store", String.class)
                .stage(flag::get)
                .rollback(RollbackPolicy.defaults().withMinCalls(10))
                .build();
    }

    @Test
    void theStageNumbersAreTheStagesInTheOrderTheyAreWalked() {
        // the gauge's documented values: a dashboard's thresholds and value mappings rely on them
        assertThat(Stage.values()).extracting(Stage::ordinal).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(Stage.values())
                .containsExactly(
                        Stage.OFF, Stage.DUAL_WRITE, Stage.SHADOW, Stage.LIVE, Stage.RAMP_DOWN, Stage.COMPLETE);
    }

    @Test
    void aMigrationsMetersAppearOnItsFirstRecordWithEveryCriterionAndSideAtZero() {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(new MicrometerPublisher(registry))
                .build()) {
            assertThat(registry).doesNotHaveMeterWithName(MicrometerPublisher.MIGRATION_STAGE);
            migration(lab);
            await().until(() ->
                    registry.find(MicrometerPublisher.MIGRATION_STAGE).gauge() != null);

            assertThat(stage("customer-store")).isEqualTo(Stage.OFF.ordinal());
            assertThat(pending("customer-store")).isZero();
            for (RollbackPolicy.Criterion criterion : RollbackPolicy.Criterion.values()) {
                assertThat(rollbacks("customer-store", criterion).count())
                        .as(criterion.name())
                        .isZero();
            }
            for (Side side : Side.values()) {
                assertThat(writeFailures("customer-store", side).count())
                        .as(side.name())
                        .isZero();
            }
        }
    }

    @Test
    void theStageGaugeFollowsTheStageInEffect() {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(new MicrometerPublisher(registry))
                .build()) {
            Migration<String> customers = migration(lab);
            await().until(() ->
                    registry.find(MicrometerPublisher.MIGRATION_STAGE).gauge() != null);
            for (Stage stage : Stage.values()) {
                flag.set(stage);
                customers.read(Call.keyed("1"), () -> "ada", () -> "ada");
                assertThat(stage("customer-store")).as(stage.name()).isEqualTo(stage.ordinal());
            }
        }
    }

    @Test
    void aRollbackIsCountedUnderItsCriterionAndPendingUntilAcknowledged() throws IOException {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(new MicrometerPublisher(registry))
                .build()) {
            Migration<String> customers = migration(lab);
            flag.set(Stage.LIVE);
            for (int i = 0; i < 100 && customers.rollback() == null; i++) {
                customers.read(Call.keyed(String.valueOf(i)), () -> "ada", () -> {
                    throw new IOException("new store down");
                });
            }
            assertThat(customers.rollback()).isNotNull();
            await().until(() -> rollbacks("customer-store", RollbackPolicy.Criterion.READ_ERROR_RATE)
                            .count()
                    == 1);

            assertThat(stage("customer-store")).isEqualTo(Stage.SHADOW.ordinal());
            assertThat(pending("customer-store")).isEqualTo(1);
            assertThat(rollbacks("customer-store", RollbackPolicy.Criterion.WRITE_FAILURE_RATE)
                            .count())
                    .isZero();

            flag.set(Stage.SHADOW);
            customers.acknowledgeRollback();
            assertThat(pending("customer-store")).isZero();
            await().until(() -> lab.publishingStats().queued() == 0);
            assertThat(rollbacks("customer-store", RollbackPolicy.Criterion.READ_ERROR_RATE)
                            .count())
                    .isEqualTo(1);
        }
    }

    @Test
    void failedOtherWritesAreCountedPerSide() {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(new MicrometerPublisher(registry))
                .build()) {
            Migration<String> customers = migration(lab);
            flag.set(Stage.DUAL_WRITE);
            for (int i = 0; i < 3; i++) {
                customers.write(Call.keyed("customer-" + i), () -> 1, () -> {
                    throw new IllegalStateException("new store down");
                });
            }
            flag.set(Stage.RAMP_DOWN);
            customers.write(
                    Call.keyed("customer-9"),
                    () -> {
                        throw new IllegalStateException("legacy store read-only");
                    },
                    () -> 1);
            await().until(() -> writeFailures("customer-store", Side.OLD).count() == 1);

            assertThat(writeFailures("customer-store", Side.NEW).count()).isEqualTo(3);
        }
    }

    @Test
    void withoutALaboratoryTheGaugesFollowTheRecords() {
        MicrometerPublisher publisher = new MicrometerPublisher(registry);
        publisher.publishStage(new StageChange("orders", null, Stage.SHADOW, NOW, StageChange.Cause.STARTED, null));
        publisher.publishStage(
                new StageChange("orders", Stage.SHADOW, Stage.LIVE, NOW, StageChange.Cause.SOURCE, null));
        assertThat(stage("orders")).isEqualTo(3);

        publisher.publishStage(new StageChange(
                "orders",
                Stage.LIVE,
                Stage.SHADOW,
                NOW,
                StageChange.Cause.ROLLBACK,
                new StageChange.Trip(RollbackPolicy.Criterion.P99_RATIO, 2.5, 2.0, 1_000, "p99 2.5x")));
        assertThat(stage("orders")).isEqualTo(2);
        assertThat(pending("orders")).isEqualTo(1);
        assertThat(rollbacks("orders", RollbackPolicy.Criterion.P99_RATIO).count())
                .isEqualTo(1);

        publisher.publishStage(
                new StageChange("orders", Stage.SHADOW, Stage.SHADOW, NOW, StageChange.Cause.ACKNOWLEDGED, null));
        assertThat(pending("orders")).isZero();
    }

    @Test
    void aWriteFailureBeforeAnyStageRecordRegistersTheMigrationAtItsStage() {
        MicrometerPublisher publisher = new MicrometerPublisher(registry);
        publisher.publishWriteFailure(new WriteFailure(
                "orders", "order-7", Map.of(), Side.NEW, Stage.DUAL_WRITE, NOW, new IllegalStateException("down")));

        assertThat(stage("orders")).isEqualTo(Stage.DUAL_WRITE.ordinal());
        assertThat(writeFailures("orders", Side.NEW).count()).isEqualTo(1);
    }

    @Test
    void everyMigrationMeterOfANameHasTheSameTagKeysAndNoneHoldsAKeyOrAMessage() {
        String secretKey = "customer-4711@example.com";
        MicrometerPublisher publisher = new MicrometerPublisher(registry);
        publisher.publishStage(new StageChange("orders", null, Stage.LIVE, NOW, StageChange.Cause.STARTED, null));
        publisher.publishStage(new StageChange(
                "orders",
                Stage.LIVE,
                Stage.SHADOW,
                NOW,
                StageChange.Cause.ROLLBACK,
                new StageChange.Trip(RollbackPolicy.Criterion.READ_ERROR_RATE, 0.5, 0.01, 10, "5 of 10 " + secretKey)));
        publisher.publishWriteFailure(new WriteFailure(
                "orders",
                secretKey,
                Map.of("email", secretKey),
                Side.OLD,
                Stage.LIVE,
                NOW,
                new IllegalStateException(secretKey)));
        publisher.publishStage(new StageChange("customers", null, Stage.OFF, NOW, StageChange.Cause.STARTED, null));

        Map<String, Set<Set<String>>> keysByName = new HashMap<>();
        Set<String> values = new HashSet<>();
        for (Meter meter : registry.getMeters()) {
            Set<String> keys = new TreeSet<>();
            meter.getId().getTags().forEach(tag -> {
                keys.add(tag.getKey());
                values.add(tag.getValue());
            });
            keysByName
                    .computeIfAbsent(meter.getId().getName(), name -> new HashSet<>())
                    .add(keys);
        }
        assertThat(keysByName)
                .containsOnlyKeys(
                        MicrometerPublisher.MIGRATION_STAGE,
                        MicrometerPublisher.MIGRATION_ROLLBACK_PENDING,
                        MicrometerPublisher.MIGRATION_ROLLBACKS,
                        MicrometerPublisher.MIGRATION_WRITE_FAILURES);
        assertThat(keysByName.get(MicrometerPublisher.MIGRATION_STAGE)).containsExactly(Set.of("migration"));
        assertThat(keysByName.get(MicrometerPublisher.MIGRATION_ROLLBACK_PENDING))
                .containsExactly(Set.of("migration"));
        assertThat(keysByName.get(MicrometerPublisher.MIGRATION_ROLLBACKS))
                .containsExactly(Set.of("migration", "criterion"));
        assertThat(keysByName.get(MicrometerPublisher.MIGRATION_WRITE_FAILURES))
                .containsExactly(Set.of("migration", "side"));
        assertThat(values).noneMatch(value -> value.contains(secretKey));
        assertThat(values)
                .containsOnly(
                        "orders", "customers", "OLD", "NEW", "READ_ERROR_RATE", "P99_RATIO", "WRITE_FAILURE_RATE");
    }

    @Test
    void closeRemovesTheMigrationGaugesAndKeepsItsCounters() {
        MicrometerPublisher publisher = new MicrometerPublisher(registry);
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(publisher).build()) {
            Migration<String> customers = migration(lab);
            flag.set(Stage.DUAL_WRITE);
            customers.write(Call.keyed("1"), () -> 1, () -> {
                throw new IllegalStateException("down");
            });
            await().until(() -> writeFailures("customer-store", Side.NEW).count() == 1);
        }

        assertThat(registry).doesNotHaveMeterWithName(MicrometerPublisher.MIGRATION_STAGE);
        assertThat(registry).doesNotHaveMeterWithName(MicrometerPublisher.MIGRATION_ROLLBACK_PENDING);
        assertThat(writeFailures("customer-store", Side.NEW).count()).isEqualTo(1);
        publisher.publishStage(new StageChange("late", null, Stage.OFF, NOW, StageChange.Cause.STARTED, null));
        assertThat(registry.find(MicrometerPublisher.MIGRATION_STAGE).gauges()).isEmpty();
    }

    @Test
    void aRegistryThatRefusesAMigrationMeterNeverReachesThePublishingThread() {
        // a meter of another type under the stage gauge's id: Micrometer refuses to register the gauge
        Counter.builder(MicrometerPublisher.MIGRATION_STAGE)
                .tags(Tags.of(MicrometerPublisher.MIGRATION_TAG, "orders"))
                .register(registry);
        MicrometerPublisher publisher = new MicrometerPublisher(registry);

        assertThatCode(() -> publisher.publishStage(
                        new StageChange("orders", null, Stage.OFF, NOW, StageChange.Cause.STARTED, null)))
                .doesNotThrowAnyException();
        assertThatCode(() -> publisher.publishWriteFailure(new WriteFailure(
                        "orders", "1", Map.of(), Side.NEW, Stage.DUAL_WRITE, NOW, new IllegalStateException("down"))))
                .doesNotThrowAnyException();
        assertThat(publisher.failures()).isEqualTo(2);
        assertThat(List.copyOf(
                        registry.find(MicrometerPublisher.MIGRATION_STAGE).meters()))
                .allSatisfy(meter -> assertThat(meter).isNotInstanceOf(Gauge.class));
    }
}
