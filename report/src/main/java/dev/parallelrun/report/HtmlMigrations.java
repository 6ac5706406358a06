package dev.parallelrun.report;

import static dev.parallelrun.report.Html.escape;

import dev.parallelrun.report.MigrationSummary.Counts;
import dev.parallelrun.report.MigrationSummary.FailedWrite;
import dev.parallelrun.report.MigrationSummary.Position;
import dev.parallelrun.report.MigrationSummary.Rollback;
import dev.parallelrun.report.MigrationSummary.SideCounts;
import dev.parallelrun.report.MigrationSummary.StageEntry;
import dev.parallelrun.report.MigrationSummary.Trip;
import dev.parallelrun.report.MigrationSummary.WriteFailures;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The migrations of the {@link HtmlReport}: a card each at the top, then a section each: where it stands in plain
 * words, the next steps, the readiness to advance, the timeline of stages, the rollbacks and whether they were
 * acknowledged, the counts, the failed writes with their keys, and links to the two experiments that compare its
 * reads. Every value from the input is escaped.
 */
final class HtmlMigrations {

    private HtmlMigrations() {}

    static String anchor(int index) {
        return "migration-" + index;
    }

    static void card(MigrationSummary migration, int index, StringBuilder out) {
        out.append("<a class=\"card card-migration\" href=\"#")
                .append(anchor(index))
                .append("\" data-migration-index=\"")
                .append(index)
                .append("\">");
        badges(migration, out);
        out.append("<span class=\"name\">")
                .append(escape(migration.migration()))
                .append("</span>")
                .append("<span class=\"line\">migration: ")
                .append(escape(Format.plural(migration.rollbacks().size(), "rollback", "rollbacks")))
                .append(", ")
                .append(escape(Format.plural(migration.writeFailures().total(), "failed write", "failed writes")))
                .append("</span>");
        Verdict readiness = migration.readiness();
        String line = migration.rollbackPending()
                ? "rolled back: awaiting acknowledgement"
                : readiness == null || !"SHADOW".equals(migration.stage())
                        ? null
                        : "readiness to advance to LIVE: " + readiness.status().badge();
        if (line != null) {
            out.append("<span class=\"line fails\">").append(escape(line)).append("</span>");
        }
        out.append("</a>\n");
    }

    private static void badges(MigrationSummary migration, StringBuilder out) {
        String stage = migration.badge();
        out.append("<span class=\"badge badge-stage\" data-stage=\"")
                .append(escape(stage))
                .append("\">")
                .append(escape(stage))
                .append("</span>");
        if (migration.rollbackPending()) {
            out.append(" <span class=\"badge badge-rolled-back\" data-rolled-back=\"true\">ROLLED BACK</span>");
        }
    }

    static void section(MigrationSummary migration, int index, Summary summary, StringBuilder out) {
        out.append("<section class=\"migration\" id=\"")
                .append(anchor(index))
                .append("\">\n<h2>")
                .append(escape(migration.migration()))
                .append(" <span class=\"kind\">migration</span>");
        badges(migration, out);
        out.append("</h2>\n<p class=\"plain\">")
                .append(escape(plainly(migration)))
                .append("</p>\n");
        HtmlReport.nextSteps(migration.nextSteps(), List.of(), 0, out); // a migration's steps point at no group
        out.append("<p class=\"meta\">Seen from ")
                .append(escape(Format.time(migration.firstSeen())))
                .append(" to ")
                .append(escape(Format.time(migration.lastSeen())))
                .append(" on ")
                .append(Format.plural(migration.positions().size(), "JVM", "JVMs"))
                .append(".</p>\n");
        for (String note : migration.notes()) {
            out.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
        }
        positions(migration, out);
        readiness(migration, out);
        timeline(migration, out);
        rollbacks(migration, out);
        counts(migration.counts(), out);
        writeFailures(migration.writeFailures(), out);
        reads(migration, summary, out);
        out.append("</section>\n");
    }

    /** Where it stands, in a sentence. */
    static String plainly(MigrationSummary migration) {
        String stage = migration.stage();
        String where = stage == null
                ? migration.positions().isEmpty()
                        ? "Where this migration stands is unknown: the files hold no stage or migration line for it."
                        : "The JVMs are in different stages: see the table below."
                : switch (stage) {
                    case "OFF" -> "Off: only the old side is read and written.";
                    case "DUAL_WRITE" -> "Dual writes: the old side serves, and every write reaches the new side too.";
                    case "SHADOW" ->
                        "Shadow reads: the old side serves; a sample of reads also reads the new side and"
                                + " compares the answers.";
                    case "LIVE" ->
                        "Live: the new side serves; the old side is still written and answers when the new"
                                + " side fails.";
                    case "RAMP_DOWN" -> "Ramp-down: the new side serves; the old side is still written, as a way back.";
                    case "COMPLETE" -> "Complete: only the new side is read and written; the old side can be retired.";
                    default -> "Stage " + stage + ".";
                };
        if (migration.rollbackPending()) {
            return "Rolled back by itself and waiting for a person: the new side broke the rollback policy, so the "
                    + "old side serves again until the rollback is acknowledged. " + where;
        }
        return where;
    }

    private static void positions(MigrationSummary migration, StringBuilder out) {
        if (migration.positions().isEmpty()) {
            return;
        }
        out.append("<h3>Where it stands</h3>\n<table class=\"positions\"><thead><tr><th>Host</th><th>JVM</th>"
                + "<th>Stage</th><th>Since</th><th>The stage flag says</th><th>Rollback</th></tr></thead><tbody>\n");
        for (Position position : migration.positions()) {
            out.append("<tr data-stage=\"")
                    .append(escape(position.stage()))
                    .append("\"><td>")
                    .append(escape(position.host()))
                    .append("</td><td>")
                    .append(escape(position.jvm()))
                    .append("</td><td><strong>")
                    .append(escape(position.stage()))
                    .append("</strong></td><td>")
                    .append(escape(Format.time(position.since())))
                    .append("</td><td>")
                    .append(escape(position.sourceStage() == null ? "n/a" : position.sourceStage()))
                    .append("</td><td>")
                    .append(
                            position.rollbackPending()
                                    ? "<strong class=\"warn\">awaiting acknowledgement</strong>"
                                    : "none pending")
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static void readiness(MigrationSummary migration, StringBuilder out) {
        Verdict readiness = migration.readiness();
        out.append("<h3>Readiness to advance from SHADOW to LIVE</h3>\n");
        if (readiness == null) {
            out.append("<p class=\"meta\">Unknown: no migration summary line.</p>\n");
            return;
        }
        String stage = migration.stage();
        if (stage != null && !stage.equals("SHADOW")) {
            out.append("<p class=\"meta\">The migration is in ")
                    .append(escape(stage))
                    .append(": this verdict only "
                            + "matters in SHADOW, where it says whether the new side may start serving.</p>\n");
        }
        out.append("<p class=\"readiness\" data-status=\"")
                .append(readiness.status().name())
                .append("\"><strong>")
                .append(readiness.status().badge())
                .append("</strong> as of ")
                .append(escape(Format.time(migration.readinessAt())));
        if (migration.positions().size() > 1 && migration.readinessHost() != null) {
            out.append(" on ").append(escape(migration.readinessHost()));
        }
        out.append(".</p>\n<ul class=\"checks\">\n");
        for (Verdict.Check check : readiness.checks()) {
            out.append("<li class=\"")
                    .append(check.passed() ? "pass" : "fail")
                    .append("\">")
                    .append(escape(check.toString()))
                    .append("</li>\n");
        }
        out.append("</ul>\n");
    }

    private static void timeline(MigrationSummary migration, StringBuilder out) {
        if (migration.timeline().isEmpty()) {
            return;
        }
        boolean several = migration.positions().size() > 1;
        out.append("<h3>Timeline of stages</h3>\n<table class=\"timeline\"><thead><tr><th>When</th><th>Stage</th>"
                        + "<th>Cause</th><th>Why</th>")
                .append(several ? "<th>Host</th>" : "")
                .append("</tr></thead><tbody>\n");
        for (StageEntry entry : migration.timeline()) {
            out.append("<tr data-cause=\"")
                    .append(escape(entry.cause()))
                    .append("\" data-to=\"")
                    .append(escape(entry.to()))
                    .append("\"")
                    .append(entry.rollback() ? " class=\"rollback\"" : "")
                    .append("><td class=\"num\">")
                    .append(escape(Format.time(entry.time())))
                    .append("</td><td class=\"move\">")
                    .append(escape(entry.move()))
                    .append("</td><td>")
                    .append(escape(entry.cause()))
                    .append("</td><td>")
                    .append(escape(entry.reason()))
                    .append("</td>");
            if (several) {
                out.append("<td>").append(escape(entry.host())).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static void rollbacks(MigrationSummary migration, StringBuilder out) {
        List<Rollback> rollbacks = migration.rollbacks();
        out.append("<h3>Rollbacks</h3>\n");
        if (rollbacks.isEmpty()) {
            out.append("<p class=\"meta\">None in these files.</p>\n");
            return;
        }
        out.append("<ul class=\"rollbacks\">\n");
        for (Rollback rollback : rollbacks) {
            StageEntry entry = rollback.entry();
            Trip trip = entry.trip();
            out.append("<li class=\"rollback\" data-acknowledged=\"")
                    .append(rollback.acknowledged())
                    .append("\">")
                    .append(escape(Format.time(entry.time())))
                    .append(", ")
                    .append(escape(entry.move()))
                    .append(" on ")
                    .append(escape(entry.host()))
                    .append(": <strong>")
                    .append(escape(trip == null ? entry.reason() : MigrationSteps.describe(trip)))
                    .append("</strong>. ");
            if (rollback.acknowledged()) {
                out.append("<span class=\"acknowledged\">Acknowledged")
                        .append(
                                rollback.acknowledgedAt() == null
                                        ? ""
                                        : " at " + escape(Format.time(rollback.acknowledgedAt())))
                        .append(".</span>");
            } else {
                out.append("<strong class=\"warn\">Awaiting acknowledgement.</strong>");
            }
            if (trip != null && !trip.detail().isEmpty()) {
                out.append("<br><span class=\"meta\">")
                        .append(escape(trip.detail()))
                        .append("</span>");
            }
            out.append("</li>\n");
        }
        out.append("</ul>\n");
    }

    private static void counts(@Nullable Counts counts, StringBuilder out) {
        if (counts == null) {
            return;
        }
        out.append("<div class=\"figures\">\n<table class=\"migration-counts\"><caption>Calls</caption><tbody>\n");
        row(out, "Reads", counts.reads());
        row(out, "Answered by the old side after the new one failed", counts.fallbacks());
        row(out, "Writes", counts.writes());
        row(out, "Failed writes of the other side", counts.writeFailures());
        row(out, "Stage changes", counts.stageChanges());
        if (counts.stageSourceFaults() > 0) {
            row(out, "Calls whose stage source failed", counts.stageSourceFaults());
        }
        if (counts.unpublished() > 0) {
            row(out, "Records dropped by a full publishing queue", counts.unpublished());
        }
        out.append("</tbody></table>\n");
        side(out, "Old side", counts.oldSide());
        side(out, "New side", counts.newSide());
        out.append("</div>\n");
    }

    private static void side(StringBuilder out, String caption, SideCounts side) {
        out.append("<table class=\"side-counts\"><caption>")
                .append(caption)
                .append(" (callers' path)</caption><tbody>\n");
        row(out, "Reads", side.reads());
        row(out, "Reads that failed", side.readErrors());
        row(out, "Writes", side.writes());
        row(out, "Writes that failed", side.writeErrors());
        out.append("</tbody></table>\n");
    }

    private static void row(StringBuilder out, String label, long count) {
        out.append("<tr><th>")
                .append(escape(label))
                .append("</th><td class=\"num\">")
                .append(Format.count(count))
                .append("</td></tr>\n");
    }

    private static void writeFailures(WriteFailures failures, StringBuilder out) {
        out.append("<h3>Failed writes</h3>\n");
        if (failures.total() == 0) {
            out.append("<p class=\"meta\">None in these files: both sides received every write.</p>\n");
            return;
        }
        out.append("<p class=\"write-failures\">")
                .append(Format.plural(failures.total(), "write", "writes"))
                .append(" of the other side failed after the authoritative write succeeded, on ")
                .append(Format.plural(failures.distinctKeys(), "key", "keys"))
                .append(failures.distinctKeysBounded() ? " at least" : "")
                .append(", from ")
                .append(escape(Format.time(failures.first())))
                .append(" to ")
                .append(escape(Format.time(failures.last())))
                .append(". Those keys differ between the sides until a backfill repairs them.</p>\n");
        out.append("<div class=\"figures\">\n<table class=\"failures-by-side\"><caption>By side</caption><tbody>\n");
        for (Map.Entry<String, Long> side : failures.bySide().entrySet()) {
            out.append("<tr data-side=\"")
                    .append(escape(side.getKey()))
                    .append("\"><th>")
                    .append(escape(side.getKey()))
                    .append(" side</th><td class=\"num\">")
                    .append(Format.count(side.getValue()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n<table class=\"failures-by-stage\"><caption>By stage</caption><tbody>\n");
        for (Map.Entry<String, Long> stage : failures.byStage().entrySet()) {
            out.append("<tr><th>")
                    .append(escape(stage.getKey()))
                    .append("</th><td class=\"num\">")
                    .append(Format.count(stage.getValue()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n</div>\n<table class=\"failed-writes\"><caption>The latest</caption><thead><tr>"
                + "<th>When</th><th>Key</th><th>Side</th><th>Stage</th><th>What the write threw</th></tr></thead>"
                + "<tbody>\n");
        for (FailedWrite failure : failures.latest()) {
            out.append("<tr><td class=\"num\">")
                    .append(escape(Format.time(failure.time())))
                    .append("</td><td>")
                    .append(
                            failure.key() == null
                                    ? "<span class=\"meta\">(none)</span>"
                                    : "<code class=\"key\">" + escape(failure.key()) + "</code>")
                    .append("</td><td>")
                    .append(escape(failure.side()))
                    .append("</td><td>")
                    .append(escape(failure.stage()))
                    .append("</td><td><code>")
                    .append(escape(failure.exceptionClass()))
                    .append("</code>")
                    .append(failure.message() == null ? "" : ": " + escape(failure.message()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static void reads(MigrationSummary migration, Summary summary, StringBuilder out) {
        out.append("<h3>Read comparisons</h3>\n<p>Reads are compared by two experiments, each with its own section "
                + "and mismatch groups:</p>\n<ul class=\"read-experiments\">\n");
        experiment(migration.shadowExperiment(), "in SHADOW: the new side compared against the old", summary, out);
        experiment(migration.liveExperiment(), "in LIVE: the old side compared against the new", summary, out);
        out.append("</ul>\n");
    }

    private static void experiment(String name, String what, Summary summary, StringBuilder out) {
        int index = 0;
        ExperimentSummary found = null;
        for (ExperimentSummary experiment : summary.experiments()) {
            index++;
            if (experiment.experiment().equals(name)) {
                found = experiment;
                break;
            }
        }
        out.append("<li>");
        if (found == null) {
            out.append("<code>")
                    .append(escape(name))
                    .append("</code> ")
                    .append(escape(what))
                    .append(": no lines in these files.");
        } else {
            out.append("<a href=\"#experiment-")
                    .append(index)
                    .append("\" data-experiment=\"")
                    .append(escape(name))
                    .append("\">")
                    .append(escape(name))
                    .append("</a> ")
                    .append(escape(what))
                    .append(": ")
                    .append(escape(found.badge()))
                    .append(", ")
                    .append(escape(Format.plural(found.groups().size(), "mismatch group", "mismatch groups")))
                    .append('.');
        }
        out.append("</li>\n");
    }
}
