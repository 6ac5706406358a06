package dev.parallelrun.report;

import static dev.parallelrun.report.TerminalLines.cut;
import static dev.parallelrun.report.TerminalLines.safe;

import dev.parallelrun.experiment.Difference;
import java.util.Locale;

/** What differs, in the terminal report: the noisy paths and the mismatch groups with their latest example. */
final class TerminalGroups {

    private TerminalGroups() {}

    static void noisy(ExperimentSummary experiment, TerminalLines lines) {
        boolean first = true;
        for (NoisyPath path : experiment.noisyPaths()) {
            lines.field(
                    first ? "Noisy paths" : "",
                    safe(path.path()) + " differs on " + Format.share(path.share())
                            + " of compared calls (" + Format.count(path.differing()) + " of "
                            + Format.count(path.compared())
                            + ")");
            lines.field("", "  if expected, paste into the experiment's builder: " + safe(path.suggestion()));
            first = false;
        }
    }

    static void groups(ExperimentSummary experiment, TerminalLines lines) {
        if (experiment.groups().isEmpty() && experiment.untrackedGroupResults() == 0) {
            lines.field("Mismatches", "none in result lines");
            return;
        }
        lines.field(
                "Mismatches",
                Format.plural(experiment.groups().size(), "group", "groups") + " by signature, "
                        + Format.plural(experiment.groupedResults(), "non-matching result", "non-matching results"));
        int rank = 0;
        for (SignatureGroup group : experiment.groups()) {
            rank++;
            lines.add(cut(
                    "  #" + rank + "  " + Format.plural(group.count(), "call", "calls") + " ("
                            + Format.share(group.share()) + ")  " + safe(group.title()),
                    lines.style().width()));
            String indent = "       ";
            lines.add(indent + "seen " + Format.time(group.firstSeen()) + " .. " + Format.time(group.lastSeen()));
            if (!group.paths().isEmpty()) {
                lines.add(indent
                        + cut(
                                "paths: " + safe(String.join(", ", group.paths())) + (group.morePaths() ? ", ..." : ""),
                                lines.style().width() - indent.length()));
            }
            if (group.candidates().size() > 1 || !group.candidates().containsKey("candidate")) {
                StringBuilder names = new StringBuilder();
                group.candidates()
                        .forEach((name, count) -> names.append(names.isEmpty() ? "" : ", ")
                                .append(safe(name))
                                .append(' ')
                                .append(Format.count(count)));
                lines.add(indent + cut("candidates: " + names, lines.style().width() - indent.length()));
            }
            // never cut: it is meant to be copied whole
            lines.add(indent + "replay in a test: " + safe(group.replay()));
            if (!group.examples().isEmpty()) {
                example(group.examples().get(group.examples().size() - 1), indent, lines);
            }
        }
    }

    private static void example(Example example, String indent, TerminalLines lines) {
        int width = lines.style().width() - indent.length() - 13;
        StringBuilder about = new StringBuilder("latest example: ").append(Format.time(example.time()));
        if (example.key() != null) {
            about.append(", key ").append(safe(example.key()));
        }
        about.append(", host ").append(safe(example.host()));
        if (!example.context().isEmpty()) {
            about.append(", context ");
            example.context()
                    .forEach((k, v) ->
                            about.append(safe(k)).append('=').append(safe(v)).append(' '));
        }
        lines.add(indent + cut(about.toString().strip(), lines.style().width() - indent.length()));
        lines.add(
                indent + String.format(Locale.ROOT, "%-12s ", "control") + cut(side(example.control(), lines), width));
        lines.add(indent
                + String.format(Locale.ROOT, "%-12s ", cut(safe(example.candidate()), 12))
                + cut(example.candidateRun() == null ? "(skipped)" : side(example.candidateRun(), lines), width));
        for (Difference difference : example.differences()) {
            String change = switch (difference.op()) {
                case ADD -> "added " + difference.value();
                case REMOVE -> "removed " + difference.previous();
                case REPLACE -> difference.previous() + " -> " + difference.value();
            };
            lines.add(indent
                    + String.format(Locale.ROOT, "%-12s ", difference.op().rfcName())
                    + cut(safe((difference.path().isEmpty() ? "(root)" : difference.path()) + ": " + change), width));
        }
        if (example.differenceCount() > example.differences().size()) {
            lines.add(indent + TerminalLines.INDENT.substring(0, 13) + "... "
                    + Format.count(
                            example.differenceCount() - example.differences().size()) + " more differences");
        }
        if (example.note() != null) {
            lines.add(indent + String.format(Locale.ROOT, "%-12s ", "note") + cut(safe(example.note()), width));
        }
    }

    private static String side(Example.Run run, TerminalLines lines) {
        String text;
        if (run.threw()) {
            text = "threw " + run.exceptionClass()
                    + (run.exceptionMessage() == null ? "" : ": " + run.exceptionMessage());
        } else if (!run.started()) {
            text = "timed out before it started (no thread in time)";
        } else if (!run.completed()) {
            text = "timed out";
        } else if (run.value() == null) {
            text = "(no value)";
        } else {
            text = run.value();
        }
        return safe(text) + "  ("
                + Format.duration(run.durationNanos(), lines.style().unicode())
                + (run.startDelayNanos() >= 0
                        ? ", started "
                                + Format.duration(
                                        run.startDelayNanos(), lines.style().unicode()) + " after sampling"
                        : "")
                + ")";
    }
}
