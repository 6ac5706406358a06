package dev.parallelrun.spring.boot.actuate;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.migration.Migration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds the experiments and their expiry dates to {@code /actuator/info}, under {@value #KEY}:
 * {@code {"experiments": {"pricing-v2": {"expiresOn": "2027-03-01", "expired": false}}}} ({@code expiresOn} is
 * {@code null} for an experiment without one). An expired experiment is code that should have been removed: info
 * is where a fleet inventory sees it. The migrations and the stage each is in are listed under
 * {@value #MIGRATIONS_KEY}: {@code {"migrations": {"customer-store": {"stage": "SHADOW"}}}}.
 *
 * <p>Nothing of an experiment or a migration ever reaches the application's health: a candidate that is not ready,
 * an experiment past its date or a migration not ready to advance must never take a service out of its load
 * balancer.
 */
public class ExperimentsInfoContributor implements InfoContributor {

    /** The key under which the experiments are listed. */
    public static final String KEY = "experiments";

    /** The key under which the migrations and their stages are listed, when there are any. */
    public static final String MIGRATIONS_KEY = "migrations";

    private final Laboratory laboratory;

    /** Lists {@code laboratory}'s experiments. */
    public ExperimentsInfoContributor(Laboratory laboratory) {
        this.laboratory = requireNonNull(laboratory, "laboratory");
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> experiments = new LinkedHashMap<>();
        for (Experiment<?> experiment : laboratory.experiments()) {
            ExperimentStats stats = experiment.stats();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(
                    "expiresOn",
                    stats.expiresOn() == null ? null : stats.expiresOn().toString());
            entry.put("expired", stats.expired());
            experiments.put(experiment.name(), entry);
        }
        builder.withDetail(KEY, experiments);
        Map<String, Object> migrations = new LinkedHashMap<>();
        for (Migration<?> migration : laboratory.migrations()) {
            migrations.put(migration.name(), Map.of("stage", migration.stage().name()));
        }
        if (!migrations.isEmpty()) {
            builder.withDetail(MIGRATIONS_KEY, migrations);
        }
    }
}
