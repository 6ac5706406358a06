package dev.parallelrun.publisher.micrometer;

import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.RollbackPolicy;
import dev.parallelrun.experiment.migration.Side;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one migration, made on its first record (the {@code STARTED} entry published when it is built, or
 * whichever comes first) and kept: the stage and rollback-pending gauges, and the rollback and write-failure counters
 * with every criterion and side at zero. The gauges read the laboratory's {@link Migration} once it is listed there,
 * and until then the latest record, so a scrape sees the stage in effect even when the publishing queue dropped a
 * record.
 */
final class MigrationMeters {

    private final String migration;
    private final @Nullable Laboratory laboratory;
    private final Counter[] rollbacks;
    private final Counter[] writeFailures;
    private final List<Meter> gauges = new ArrayList<>(2);
    // from the publishing thread, read at scrape time
    private volatile Stage recordedStage;
    private volatile boolean recordedPending;
    private volatile @Nullable Migration<?> found;

    MigrationMeters(MeterRegistry registry, String migration, Stage firstStage, @Nullable Laboratory laboratory) {
        this.migration = migration;
        this.laboratory = laboratory;
        this.recordedStage = firstStage;
        Tags tags = Tags.of(MicrometerPublisher.MIGRATION_TAG, migration);
        this.rollbacks = Counters.perValue(
                registry,
                MicrometerPublisher.MIGRATION_ROLLBACKS,
                "Automatic rollbacks of the migration to SHADOW, by the rollback policy's criterion that was broken",
                tags,
                MicrometerPublisher.CRITERION_TAG,
                RollbackPolicy.Criterion.values());
        this.writeFailures = Counters.perValue(
                registry,
                MicrometerPublisher.MIGRATION_WRITE_FAILURES,
                "Failed writes of the migration's other side (after the authoritative write succeeded), by the side"
                        + " that failed: each key needs a backfill",
                tags,
                MicrometerPublisher.SIDE_TAG,
                Side.values());
        gauges.add(Gauge.builder(MicrometerPublisher.MIGRATION_STAGE, this, MigrationMeters::stage)
                .description("The migration's stage in effect, as its ordinal: 0 OFF, 1 DUAL_WRITE, 2 SHADOW, 3 LIVE,"
                        + " 4 RAMP_DOWN, 5 COMPLETE")
                .tag(MicrometerPublisher.MIGRATION_TAG, migration)
                .register(registry));
        gauges.add(Gauge.builder(MicrometerPublisher.MIGRATION_ROLLBACK_PENDING, this, MigrationMeters::rollbackPending)
                .description("1 while an automatic rollback of the migration awaits acknowledgement, else 0")
                .tag(MicrometerPublisher.MIGRATION_TAG, migration)
                .register(registry));
    }

    /** Follows one timeline entry: the stage it moved to, and a rollback counted and pending until acknowledged. */
    void record(StageChange change) {
        recordedStage = change.to();
        StageChange.Trip trip = change.trip();
        if (trip != null) {
            rollbacks[trip.criterion().ordinal()].increment();
            recordedPending = true;
        } else if (change.cause() == StageChange.Cause.ACKNOWLEDGED) {
            recordedPending = false;
        }
    }

    void failedWrite(Side side) {
        writeFailures[side.ordinal()].increment();
    }

    double stage() {
        Migration<?> live = migration();
        return (live != null ? live.stage() : recordedStage).ordinal();
    }

    double rollbackPending() {
        Migration<?> live = migration();
        return (live != null ? live.rollback() != null : recordedPending) ? 1 : 0;
    }

    /** The laboratory's migration of this name, once it is listed (it may not be yet when its first record comes). */
    private @Nullable Migration<?> migration() {
        Migration<?> known = found;
        if (known != null || laboratory == null) {
            return known;
        }
        for (Migration<?> candidate : laboratory.migrations()) {
            if (candidate.name().equals(migration)) {
                found = candidate;
                return candidate;
            }
        }
        return null;
    }

    /** The gauges, which read the laboratory; the counters stay, as the experiments' do. */
    void remove(MeterRegistry registry) {
        for (Meter gauge : gauges) {
            registry.remove(gauge);
        }
        gauges.clear();
    }
}
