package dev.parallelrun.spring.boot.actuate;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.MigrationStats;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.spring.boot.actuate.ExperimentsEndpoint.CheckDescriptor;
import dev.parallelrun.spring.boot.actuate.ExperimentsEndpoint.ReadinessDescriptor;
import dev.parallelrun.spring.boot.autoconfigure.MigrationStages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code migrations} actuator endpoint: where each migration stands, why, and whether it may advance; and the two
 * things an operator does to one without a deploy.
 *
 * <ul>
 *   <li>{@code GET /actuator/migrations}: every migration of the laboratory;
 *       {@code GET /actuator/migrations/{name}}: one (404 when there is none of that name).</li>
 *   <li>{@code POST /actuator/migrations/{name}} with {@code {"stage": "LIVE"}}: sets the stage its source gives,
 *       when that source is the {@link MigrationStages} bean's; the migration follows at its next call.</li>
 *   <li>{@code POST /actuator/migrations/{name}} with {@code {"action": "acknowledge-rollback"}}: ends an automatic
 *       rollback, after which the stage source rules again.</li>
 * </ul>
 *
 * <p>A stage is set only through {@link MigrationStages}: a migration whose stage comes from the application's own
 * source (a feature flag) is refused with 400, and its stage is changed where that source is. A migration that rolled
 * back stays in SHADOW, whatever its source says, until the rollback is acknowledged. Any other bad request (an
 * unknown migration or stage, an unknown action, both a stage and an action or neither) is refused with 400 and the
 * reason. Exposure and access are actuator's, as for every endpoint.
 */
@Endpoint(id = MigrationsEndpoint.ID)
public class MigrationsEndpoint {

    /** The endpoint's id: its path under {@code /actuator}. */
    public static final String ID = "migrations";

    /** How many of a migration's latest timeline entries it shows. */
    public static final int HISTORY = 10;

    private final Laboratory laboratory;
    private final @Nullable MigrationStages stages;

    /**
     * The endpoint of {@code laboratory}'s migrations; {@code stages} is the bean whose sources it can set, or
     * {@code null} when there is none (then no stage can be set here).
     */
    public MigrationsEndpoint(Laboratory laboratory, @Nullable MigrationStages stages) {
        this.laboratory = requireNonNull(laboratory, "laboratory");
        this.stages = stages;
    }

    /** Every migration, in the order they were built. */
    @ReadOperation
    public MigrationsDescriptor migrations() {
        Map<String, MigrationDescriptor> migrations = new LinkedHashMap<>();
        for (Migration<?> migration : laboratory.migrations()) {
            migrations.put(migration.name(), describe(migration));
        }
        return new MigrationsDescriptor(migrations, unmatchedProperties());
    }

    /** One migration, or {@code null} (404) when the laboratory has none of that name. */
    @ReadOperation
    public @Nullable MigrationDescriptor migration(@Selector String name) {
        Migration<?> migration = find(name);
        return migration == null ? null : describe(migration);
    }

    /**
     * Sets a migration's stage, or acknowledges its rollback: exactly one of the two.
     *
     * @param name the migration's name
     * @param stage the stage its source gives from now on ({@code LIVE}, {@code ramp-down}: any case, with or without
     *     {@code _} and {@code -})
     * @param action {@code acknowledge-rollback}
     */
    @WriteOperation
    public synchronized MigrationUpdateDescriptor update(
            @Selector String name, @Nullable String stage, @Nullable String action) {
        Migration<?> migration = find(name);
        if (migration == null) {
            throw refused("no migration named '" + name + "' (migrations: " + names() + ")");
        }
        if ((stage == null) == (action == null)) {
            throw refused("send either a stage ({\"stage\": \"LIVE\"}) or an action ({\"action\": \""
                    + Action.ACKNOWLEDGE_ROLLBACK.text() + "\"}), "
                    + (stage == null ? "not neither" : "not both"));
        }
        if (stage != null) {
            return setStage(migration, parse(stage));
        }
        Action parsed = Action.parse(requireNonNull(action));
        if (parsed == null) {
            throw refused("unknown action '" + action + "': the one action is " + Action.ACKNOWLEDGE_ROLLBACK.text()
                    + "; a stage is set with {\"stage\": \"LIVE\"}");
        }
        boolean acknowledged = migration.acknowledgeRollback();
        String note = acknowledged
                ? "rollback acknowledged: the stage source rules again and says " + migration.stage()
                : "there was no rollback to acknowledge";
        return new MigrationUpdateDescriptor(null, acknowledged, note, describe(migration));
    }

    private MigrationUpdateDescriptor setStage(Migration<?> migration, Stage stage) {
        String name = migration.name();
        MigrationStages settable = stages;
        if (settable == null || !settable.handedOut(name)) {
            throw refused("the stage of migration '" + name + "' comes from the application's own stage source, not"
                    + " from the MigrationStages bean: change it there (a feature flag, for one)");
        }
        settable.set(name, stage);
        StageChange rollback = migration.rollback();
        String note = rollback != null
                ? "its source says " + stage + " from now on, but a rollback awaits acknowledgement: the migration"
                        + " stays in SHADOW whatever its source says until it is acknowledged ({\"action\": \""
                        + Action.ACKNOWLEDGE_ROLLBACK.text() + "\"})"
                : "its source says " + stage + " from now on: the migration follows at its next call";
        return new MigrationUpdateDescriptor(stage, null, note, describe(migration));
    }

    private static Stage parse(String stage) {
        try {
            return Stage.parse(stage);
        } catch (IllegalArgumentException e) {
            throw refused(String.valueOf(e.getMessage()));
        }
    }

    // the reason is what an HTTP client gets with the 400: it says the whole of it
    private static InvalidEndpointRequestException refused(String reason) {
        return new InvalidEndpointRequestException(reason, reason);
    }

    private @Nullable Migration<?> find(String name) {
        for (Migration<?> migration : laboratory.migrations()) {
            if (migration.name().equals(name)) {
                return migration;
            }
        }
        return null;
    }

    private String names() {
        StringJoiner names = new StringJoiner(", ");
        laboratory.migrations().forEach(migration -> names.add(migration.name()));
        return names.length() == 0 ? "none" : names.toString();
    }

    private List<String> unmatchedProperties() {
        if (stages == null) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>(stages.initialStages().keySet());
        laboratory.migrations().forEach(migration -> names.remove(migration.name()));
        return new ArrayList<>(names);
    }

    private MigrationDescriptor describe(Migration<?> migration) {
        String name = migration.name();
        MigrationStats stats = migration.stats();
        StageSource source = StageSource.APPLICATION;
        Stage requested = null;
        if (stages != null && stages.handedOut(name)) {
            source = stages.setAtRunTime(name) ? StageSource.ENDPOINT : StageSource.PROPERTIES;
            requested = stages.stage(name);
        }
        Readiness readiness = migration.readiness();
        List<CheckDescriptor> checks = new ArrayList<>();
        for (Readiness.Check check : readiness.checks()) {
            checks.add(new CheckDescriptor(
                    check.criterion(), check.requirement(), check.actual(), check.passed(), check.note()));
        }
        List<StageChange> history = migration.history();
        List<StageChangeDescriptor> latest = new ArrayList<>();
        for (StageChange change : history.subList(Math.max(0, history.size() - HISTORY), history.size())) {
            latest.add(StageChangeDescriptor.of(change));
        }
        StageChange rollback = stats.rollback();
        return new MigrationDescriptor(
                name,
                stats.stage(),
                stats.sourceStage(),
                source,
                requested,
                stats.stageSince().toString(),
                rollback == null ? null : StageChangeDescriptor.of(rollback),
                new ReadinessDescriptor(readiness.status(), readiness.verdict(), checks),
                new CountsDescriptor(
                        stats.reads(),
                        stats.fallbacks(),
                        stats.writes(),
                        stats.writeFailures(),
                        stats.stageChanges(),
                        stats.stageSourceFaults(),
                        stats.unpublished(),
                        SideDescriptor.of(stats.oldSide()),
                        SideDescriptor.of(stats.newSide())),
                ComparisonsDescriptor.of(stats.shadowReads()),
                ComparisonsDescriptor.of(stats.liveReads()),
                latest);
    }

    /** What a write operation does besides setting a stage. */
    public enum Action {
        /** Ends an automatic rollback: the stage source rules again. */
        ACKNOWLEDGE_ROLLBACK;

        /** As written in a request: {@code acknowledge-rollback}. */
        public String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static @Nullable Action parse(String text) {
            String folded = text.strip().replace('-', '_').toUpperCase(Locale.ROOT);
            for (Action action : values()) {
                if (action.name().equals(folded)) {
                    return action;
                }
            }
            return null;
        }
    }

    /** Where a migration's stage comes from. */
    public enum StageSource {
        /** The {@link MigrationStages} bean, set at run time through this endpoint. */
        ENDPOINT,
        /** The {@link MigrationStages} bean, as {@code parallelrun.migrations.<name>.stage} says (OFF when unset). */
        PROPERTIES,
        /** The application's own source (a feature flag): its stage cannot be set here. */
        APPLICATION
    }

    /**
     * Every migration.
     *
     * @param migrations every migration by name, in the order they were built
     * @param unmatchedProperties names under {@code parallelrun.migrations} that no migration has (yet): most often
     *     a typo
     */
    public record MigrationsDescriptor(Map<String, MigrationDescriptor> migrations, List<String> unmatchedProperties)
            implements OperationResponseBody {}

    /**
     * One migration.
     *
     * @param name its name
     * @param stage the stage in effect: the one its latest call ran in (SHADOW while a rollback awaits
     *     acknowledgement)
     * @param sourceStage what its stage source said at its latest call, or {@code null} when it never has
     * @param stageSource where its stage comes from
     * @param requestedStage what the {@link MigrationStages} source gives now, which its next call reads; {@code null}
     *     when the application's own source decides
     * @param stageSince when the stage in effect began (ISO-8601)
     * @param rollback the automatic rollback awaiting acknowledgement, or {@code null}
     * @param readiness whether it may advance from SHADOW to LIVE, and why not
     * @param counts its calls on the callers' path
     * @param shadowReads its SHADOW read comparisons (new against old)
     * @param liveReads its LIVE read comparisons (old against new)
     * @param history its latest timeline entries (at most {@value MigrationsEndpoint#HISTORY}), oldest first
     */
    public record MigrationDescriptor(
            String name,
            Stage stage,
            @Nullable Stage sourceStage,
            StageSource stageSource,
            @Nullable Stage requestedStage,
            String stageSince,
            @Nullable StageChangeDescriptor rollback,
            ReadinessDescriptor readiness,
            CountsDescriptor counts,
            ComparisonsDescriptor shadowReads,
            ComparisonsDescriptor liveReads,
            List<StageChangeDescriptor> history)
            implements OperationResponseBody {}

    /**
     * What a write did.
     *
     * @param requestedStage the stage set, or {@code null} for an action
     * @param rollbackAcknowledged for {@code acknowledge-rollback}: whether there was a rollback to acknowledge
     * @param note what happens next, in words
     * @param migration the migration now
     */
    public record MigrationUpdateDescriptor(
            @Nullable Stage requestedStage,
            @Nullable Boolean rollbackAcknowledged,
            String note,
            MigrationDescriptor migration)
            implements OperationResponseBody {}

    /**
     * One entry of a migration's timeline.
     *
     * @param from the stage before, or {@code null} for the first entry
     * @param to the stage from then on
     * @param at when (ISO-8601)
     * @param cause {@code STARTED}, {@code SOURCE}, {@code ROLLBACK} or {@code ACKNOWLEDGED}
     * @param reason why, in words
     * @param trip what broke the rollback policy, for a rollback; else {@code null}
     */
    public record StageChangeDescriptor(
            @Nullable Stage from,
            Stage to,
            String at,
            StageChange.Cause cause,
            String reason,
            @Nullable TripDescriptor trip) {

        static StageChangeDescriptor of(StageChange change) {
            StageChange.Trip trip = change.trip();
            return new StageChangeDescriptor(
                    change.from(),
                    change.to(),
                    change.at().toString(),
                    change.cause(),
                    change.reason(),
                    trip == null
                            ? null
                            : new TripDescriptor(
                                    trip.criterion().name(), trip.actual(), trip.limit(), trip.calls(), trip.detail()));
        }
    }

    /**
     * What made a migration roll back.
     *
     * @param criterion {@code READ_ERROR_RATE}, {@code P99_RATIO} or {@code WRITE_FAILURE_RATE}
     * @param actual the window's figure
     * @param limit the limit it broke
     * @param calls the window's size
     * @param detail the same in words
     */
    public record TripDescriptor(String criterion, double actual, double limit, long calls, String detail) {}

    /**
     * A migration's calls.
     *
     * @param reads read calls
     * @param fallbacks failed new-side reads the old side answered
     * @param writes write calls
     * @param writeFailures failed writes of the other side, after the authoritative one succeeded
     * @param stageChanges timeline entries, the first one included
     * @param stageSourceFaults calls on which the stage source threw or returned null
     * @param unpublished stage changes and write failures the publishing queue had no room for
     * @param oldSide what the old side did on the callers' path
     * @param newSide what the new side did on the callers' path
     */
    public record CountsDescriptor(
            long reads,
            long fallbacks,
            long writes,
            long writeFailures,
            long stageChanges,
            long stageSourceFaults,
            long unpublished,
            SideDescriptor oldSide,
            SideDescriptor newSide) {}

    /**
     * One side's calls on the callers' path.
     *
     * @param reads reads it served or answered as a fallback
     * @param readErrors those that threw (or timed out)
     * @param writes writes it made, first or second
     * @param writeErrors those that threw
     */
    public record SideDescriptor(long reads, long readErrors, long writes, long writeErrors) {
        static SideDescriptor of(MigrationStats.SideStats side) {
            return new SideDescriptor(side.reads(), side.readErrors(), side.writes(), side.writeErrors());
        }
    }

    /**
     * One of a migration's two read experiments, in short: the whole of it is under
     * {@code /actuator/experiments/{experiment}}.
     *
     * @param experiment the experiment's name
     * @param sampled sampled reads with a result
     * @param mismatchRate mismatches over compared reads, {@code null} while none was compared
     */
    public record ComparisonsDescriptor(
            String experiment, long sampled, @Nullable Double mismatchRate) {
        static ComparisonsDescriptor of(ExperimentStats stats) {
            double rate = stats.mismatchRate();
            return new ComparisonsDescriptor(stats.experiment(), stats.sampled(), Double.isNaN(rate) ? null : rate);
        }
    }
}
