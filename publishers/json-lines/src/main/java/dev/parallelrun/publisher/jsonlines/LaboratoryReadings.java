package dev.parallelrun.publisher.jsonlines;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.migration.MigrationStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What the summary lines are made of: the statistics of every experiment and migration of the attached laboratories,
 * read outside the publisher's write lock. A laboratory, an experiment or a migration that throws is left out of
 * that round, counted as a dropped line and logged.
 */
final class LaboratoryReadings {

    /** A migration's counts and its verdict, read one after the other. */
    record MigrationReading(MigrationStats stats, Readiness readiness) {}

    private final List<Laboratory> laboratories = new CopyOnWriteArrayList<>();
    private final Tally tally;
    private final BiConsumer<String, RuntimeException> warn;

    LaboratoryReadings(Tally tally, BiConsumer<String, RuntimeException> warn) {
        this.tally = tally;
        this.warn = warn;
    }

    void add(Laboratory laboratory) {
        laboratories.add(laboratory);
    }

    List<ExperimentStats> experiments() {
        return read(Laboratory::experiments, Experiment::stats, "experiments", "an experiment");
    }

    List<MigrationReading> migrations() {
        return read(
                Laboratory::migrations,
                migration -> new MigrationReading(migration.stats(), migration.readiness()),
                "migrations",
                "a migration");
    }

    /** Reads each thing {@code listing} lists in every laboratory; {@code things} and {@code one} name it in logs. */
    private <T, R> List<R> read(
            Function<Laboratory, List<T>> listing, Function<T, R> reading, String things, String one) {
        List<R> all = new ArrayList<>();
        for (Laboratory laboratory : laboratories) {
            List<T> listed;
            try {
                listed = listing.apply(laboratory);
            } catch (RuntimeException e) {
                dropped("the laboratory's " + things + " could not be listed", e);
                continue;
            }
            for (T thing : listed) {
                try {
                    all.add(reading.apply(thing));
                } catch (RuntimeException e) {
                    dropped("the statistics of " + one + " could not be read", e);
                }
            }
        }
        return all;
    }

    private void dropped(String message, RuntimeException e) {
        tally.linesDropped.increment();
        warn.accept(message, e);
    }
}
