package dev.parallelrun.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything a report shows: per migration and per experiment, what the files say about it, and what was read. A
 * value: the renderers ({@link TerminalReport}, {@link HtmlReport}, {@link JsonReport}) only format it.
 *
 * @param generatedAt when the summary was made (the reader's clock); expiry is judged against this day
 * @param filter what was kept
 * @param inputs the files and directories read, as the reader was given them (on the command line: as typed);
 *     unmodifiable
 * @param read what was read and what could not be used
 * @param experiments one per experiment, sorted by name (a migration's read experiments among them)
 * @param migrations one per migration, sorted by name
 */
public record Summary(
        Instant generatedAt,
        ReadFilter filter,
        List<String> inputs,
        ReadStats read,
        List<ExperimentSummary> experiments,
        List<MigrationSummary> migrations) {

    /** Checks the parts and copies the lists. */
    public Summary {
        requireNonNull(generatedAt, "generatedAt");
        requireNonNull(filter, "filter");
        inputs = List.copyOf(inputs);
        requireNonNull(read, "read");
        experiments = List.copyOf(experiments);
        migrations = List.copyOf(migrations);
    }

    /** The summary of {@code experiment}, if it was seen. */
    public Optional<ExperimentSummary> experiment(String experiment) {
        return experiments.stream()
                .filter(e -> e.experiment().equals(experiment))
                .findFirst();
    }

    /** The summary of {@code migration}, if it was seen. */
    public Optional<MigrationSummary> migration(String migration) {
        return migrations.stream().filter(m -> m.migration().equals(migration)).findFirst();
    }
}
