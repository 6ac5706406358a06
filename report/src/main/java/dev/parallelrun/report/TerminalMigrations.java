package dev.parallelrun.report;

import static dev.parallelrun.report.TerminalLines.safe;

import dev.parallelrun.report.MigrationSummary.Counts;
import dev.parallelrun.report.MigrationSummary.FailedWrite;
import dev.parallelrun.report.MigrationSummary.Position;
import dev.parallelrun.report.MigrationSummary.Rollback;
import dev.parallelrun.report.MigrationSummary.SideCounts;
import dev.parallelrun.report.MigrationSummary.StageEntry;
import dev.parallelrun.report.MigrationSummary.Trip;
import dev.parallelrun.report.MigrationSummary.WriteFailures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A migration's section of the {@link TerminalReport}: its stage, rollbacks, readiness to advance, counts, next
 * steps, timeline, failed writes with their keys, and the experiments that compare its reads.
 */
final class TerminalMigrations {

    private TerminalMigrations() {}

    static void migration(MigrationSummary migration, Summary summary, TerminalLines lines) {
        String stage = safe(migration.badge());
        String badge = migration.rollbackPending()
                ? lines.red(stage + ", ROLLED BACK")
                : stage.equals("COMPLETE") ? lines.green(stage) : stage;
        lines.add(lines.bold("== " + safe(migration.migration()) + " ==") + "  migration, stage " + badge);
        stage(migration, lines);
        lines.field(
                "Seen",
                Format.time(migration.firstSeen()) + " .. " + Format.time(migration.lastSeen()) + ", "
                        + Format.plural(migration.positions().size(), "JVM", "JVMs") + "; "
                        + Format.plural(migration.stageLines(), "stage line", "stage lines") + ", "
                        + Format.plural(migration.writeFailureLines(), "failed write", "failed writes") + ", "
                        + Format.plural(migration.summaryLines(), "migration line", "migration lines"));
        rollbacksLine(migration, lines);
        readiness(migration, lines);
        counts(migration.counts(), lines);
        lines.nextSteps(migration.nextSteps());
        timeline(migration, lines);
        rollbacks(migration, lines);
        writeFailures(migration.writeFailures(), lines);
        reads(migration, summary, lines);
        lines.notes(migration.notes());
    }

    private static void stage(MigrationSummary migration, TerminalLines lines) {
        List<Position> positions = migration.positions();
        if (positions.isEmpty()) {
            lines.field("Stage", "unknown (no stage or migration line)");
            return;
        }
        boolean several = positions.size() > 1;
        boolean first = true;
        for (Position position : positions) {
            StringBuilder text = new StringBuilder(position.stage());
            if (position.since() != null) {
                text.append(" since ").append(Format.time(position.since()));
            }
            if (position.rollbackPending()) {
                text.append(", rolled back and awaiting acknowledgement");
            }
            String source = position.sourceStage();
            if (source != null && !source.equals(position.stage())) {
                text.append(" (the stage flag says ").append(source).append(')');
            }
            if (several) {
                text.append(" on ")
                        .append(position.host())
                        .append(" (")
                        .append(position.jvm())
                        .append(')');
            }
            lines.wrapped(first ? "Stage" : "", text.toString());
            first = false;
        }
    }

    private static void rollbacksLine(MigrationSummary migration, TerminalLines lines) {
        List<Rollback> rollbacks = migration.rollbacks();
        if (rollbacks.isEmpty() && !migration.rollbackPending()) {
            lines.field("Rollbacks", "none");
            return;
        }
        long acknowledged = rollbacks.stream().filter(Rollback::acknowledged).count();
        String text = Format.plural(rollbacks.size(), "rollback", "rollbacks") + ", " + acknowledged + " acknowledged";
        lines.field("Rollbacks", migration.rollbackPending() ? lines.red(text + "; ONE AWAITS ACKNOWLEDGEMENT") : text);
    }

    private static void readiness(MigrationSummary migration, TerminalLines lines) {
        Verdict readiness = migration.readiness();
        if (readiness == null) {
            lines.field("Readiness", "unknown (no migration summary line)");
            return;
        }
        lines.wrapped(
                "Readiness",
                "to advance from SHADOW to LIVE: " + readiness.status().badge() + " (as of "
                        + Format.time(migration.readinessAt())
                        + (migration.positions().size() > 1 ? " on " + migration.readinessHost() : "") + ")");
        for (Verdict.Check check : readiness.checks()) {
            String mark = check.passed() ? "[ok]  " : lines.red("[FAIL]");
            lines.hanging(TerminalLines.INDENT + mark + " ", TerminalLines.INDENT + "       ", check.toString());
        }
    }

    private static void counts(@Nullable Counts counts, TerminalLines lines) {
        if (counts == null) {
            return;
        }
        lines.wrapped(
                "Counts",
                Format.plural(counts.reads(), "read", "reads") + " ("
                        + Format.count(counts.fallbacks()) + " answered by the old side after the new one failed), "
                        + Format.plural(counts.writes(), "write", "writes") + ", "
                        + Format.plural(counts.writeFailures(), "failed other write", "failed other writes")
                        + (counts.stageSourceFaults() > 0
                                ? ", "
                                        + Format.plural(
                                                counts.stageSourceFaults(), "stage source fault", "stage source faults")
                                : ""));
        lines.wrapped("", "old side: " + side(counts.oldSide()));
        lines.wrapped("", "new side: " + side(counts.newSide()));
    }

    static String side(SideCounts side) {
        return Format.plural(side.reads(), "read", "reads") + " (" + Format.count(side.readErrors()) + " failed), "
                + Format.plural(side.writes(), "write", "writes") + " (" + Format.count(side.writeErrors())
                + " failed)";
    }

    private static void timeline(MigrationSummary migration, TerminalLines lines) {
        boolean several = migration.positions().size() > 1;
        boolean first = true;
        for (StageEntry entry : migration.timeline()) {
            String time = Format.time(entry.time()) + "  ";
            String text = time
                    + String.format(Locale.ROOT, "%-22s ", entry.move())
                    + why(entry)
                    + (several ? " [" + entry.host() + "]" : "");
            // a long reason (a rollback's) continues under the stages, not in a narrow column of its own
            lines.hanging(
                    "  " + String.format(Locale.ROOT, "%-13s", first ? "Timeline" : ""),
                    TerminalLines.INDENT + " ".repeat(time.length() + 2),
                    text);
            first = false;
        }
    }

    /** The cause in a few words; a rollback's with what tripped it (the others' reasons only repeat the stages). */
    private static String why(StageEntry entry) {
        Trip trip = entry.trip();
        return switch (entry.cause()) {
            case "STARTED" -> "started";
            case "SOURCE" -> "the stage flag";
            case "ROLLBACK" -> "ROLLED BACK: " + (trip == null ? entry.reason() : trip.detail());
            case "ACKNOWLEDGED" -> "rollback acknowledged";
            default -> entry.cause() + ": " + entry.reason();
        };
    }

    private static void rollbacks(MigrationSummary migration, TerminalLines lines) {
        boolean several = migration.positions().size() > 1;
        boolean first = true;
        for (Rollback rollback : migration.rollbacks()) {
            StageEntry entry = rollback.entry();
            Trip trip = entry.trip();
            String state = rollback.acknowledged()
                    ? rollback.acknowledgedAt() != null
                            ? "acknowledged at " + Format.time(rollback.acknowledgedAt())
                            : "acknowledged"
                    : lines.red("AWAITING ACKNOWLEDGEMENT");
            lines.wrapped(
                    first ? "Rolled back" : "",
                    Format.time(entry.time()) + " " + entry.move() + (several ? " on " + entry.host() : "") + ", "
                            + state);
            lines.wrapped("", trip == null ? entry.reason() : MigrationSteps.describe(trip));
            if (trip != null && !trip.detail().isEmpty()) {
                lines.wrapped("", trip.detail());
            }
            first = false;
        }
    }

    private static void writeFailures(WriteFailures failures, TerminalLines lines) {
        if (failures.total() == 0) {
            lines.field("Write errors", "none");
            return;
        }
        List<String> sides = new ArrayList<>();
        for (Map.Entry<String, Long> side : failures.bySide().entrySet()) {
            sides.add(side.getKey() + " side " + Format.count(side.getValue()));
        }
        List<String> stages = new ArrayList<>();
        for (Map.Entry<String, Long> stage : failures.byStage().entrySet()) {
            stages.add(stage.getKey() + " " + Format.count(stage.getValue()));
        }
        lines.wrapped(
                "Write errors",
                Format.plural(failures.total(), "failed other write", "failed other writes")
                        + " (" + String.join(", ", sides) + "; in "
                        + String.join(", ", stages) + ") on " + Format.plural(failures.distinctKeys(), "key", "keys")
                        + (failures.distinctKeysBounded() ? " at least" : "") + ", " + Format.time(failures.first())
                        + " .. "
                        + Format.time(failures.last()));
        boolean first = true;
        for (FailedWrite failure : failures.latest()) {
            lines.hanging(
                    TerminalLines.INDENT + (first ? "latest: " : "        "),
                    TerminalLines.INDENT + "          ",
                    Format.time(failure.time()) + "  key " + (failure.key() == null ? "(none)" : failure.key()) + "  "
                            + failure.side() + " in " + failure.stage() + "  " + failure.exceptionClass()
                            + (failure.message() == null ? "" : ": " + failure.message()));
            first = false;
        }
    }

    private static void reads(MigrationSummary migration, Summary summary, TerminalLines lines) {
        lines.wrapped(
                "Reads",
                "compared by " + experiment(migration.shadowExperiment(), summary) + " in SHADOW and "
                        + experiment(migration.liveExperiment(), summary)
                        + " in LIVE: their mismatch groups are in their "
                        + "sections below.");
    }

    private static String experiment(String name, Summary summary) {
        Optional<ExperimentSummary> experiment = summary.experiment(name);
        if (experiment.isEmpty()) {
            return name + " (no lines)";
        }
        ExperimentSummary found = experiment.get();
        return name + " (" + found.badge() + ", "
                + Format.plural(found.groups().size(), "mismatch group", "mismatch groups") + ")";
    }
}
