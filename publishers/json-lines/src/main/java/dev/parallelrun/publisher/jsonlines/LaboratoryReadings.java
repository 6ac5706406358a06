package dev.parallelrun.publisher.jsonlines;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.MigrationStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

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
        List<ExperimentStats> all = new ArrayList<>();
        for (Laboratory laboratory : laboratories) {
            List<Experiment<?>> experiments;
            try {
                experiments = laboratory.experiments();
            } catch (RuntimeException e) {
                dropped("the laboratory's experiments could not be listed", e);
                continue;
            }
            for (Experiment<?> experiment : experiments) {
                try {
                    all.add(experiment.stats());
                } catch (RuntimeException e) {
                    dropped("the statistics of an experiment could not be read", e);
                }
            }
        }
        return all;
    }

    List<MigrationReading> migrations() {
        List<MigrationReading> all = new ArrayList<>();
        for (Laboratory laboratory : laboratories) {
            List<Migration<?>> migrations;
            try {
                migrations = laboratory.migrations();
            } catch (RuntimeException e) {
                dropped("the laboratory's migrations could not be listed", e);
                continue;
            }
            for (Migration<?> migration : migrations) {
                try {
                    all.add(new MigrationReading(migration.stats(), migration.readiness()));
                } catch (RuntimeException e) {
                    dropped("the statistics of a migration could not be read", e);
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
