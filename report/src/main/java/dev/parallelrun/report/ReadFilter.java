package dev.parallelrun.report;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.spi.MigrationSpec;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which lines a {@link ReportReader} counts.
 *
 * <p>A result line is counted when its {@code time} lies in {@code [since, until)}. Summary lines are
 * cumulative, so the reader uses them differently: a summary at or after {@code until} is ignored, one before
 * {@code since} is only the baseline the next one is subtracted from, so totals cover the window. Latency
 * percentiles cannot be split that way: they are the JVMs' cumulative figures at their last summary in the
 * window.
 *
 * <p>A migration's name keeps the migration's lines and its two read experiments ({@code <name>:shadow} and
 * {@code <name>:live}); the name of one of those experiments keeps the migration too.
 *
 * @param experiments the experiments (or migrations) to keep; empty keeps all
 * @param since the window's start (inclusive), or {@code null} for no start
 * @param until the window's end (exclusive), or {@code null} for no end
 */
public record ReadFilter(
        Set<String> experiments,
        @Nullable Instant since,
        @Nullable Instant until) {

    private static final ReadFilter ALL = new ReadFilter(Set.of(), null, null);

    /** Copies the set and checks that the window is not empty. */
    public ReadFilter {
        experiments = Set.copyOf(requireNonNull(experiments, "experiments"));
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("since (" + since + ") must be before until (" + until + ")");
        }
    }

    /** Every line. */
    public static ReadFilter all() {
        return ALL;
    }

    /** True when lines of {@code experiment} are kept: it is listed, or is a read experiment of a listed migration. */
    public boolean keeps(String experiment) {
        return experiments.isEmpty()
                || experiments.contains(experiment)
                || experiments.contains(migrationOf(experiment, MigrationSpec.SHADOW_SUFFIX))
                || experiments.contains(migrationOf(experiment, MigrationSpec.LIVE_SUFFIX));
    }

    /** True when lines of {@code migration} are kept: it is listed, or one of its read experiments is. */
    public boolean keepsMigration(String migration) {
        return experiments.isEmpty()
                || experiments.contains(migration)
                || experiments.contains(migration + MigrationSpec.SHADOW_SUFFIX)
                || experiments.contains(migration + MigrationSpec.LIVE_SUFFIX);
    }

    /** The migration whose read experiment {@code experiment} is, by {@code suffix}; else "" (never a name). */
    private static String migrationOf(String experiment, String suffix) {
        return experiment.endsWith(suffix) ? experiment.substring(0, experiment.length() - suffix.length()) : "";
    }

    /** True when {@code time} lies in the window. */
    public boolean inWindow(Instant time) {
        return (since == null || !time.isBefore(since)) && (until == null || time.isBefore(until));
    }

    /** True when this filter keeps everything. */
    public boolean isAll() {
        return experiments.isEmpty() && since == null && until == null;
    }
}
