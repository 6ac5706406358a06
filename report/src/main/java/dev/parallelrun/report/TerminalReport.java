package dev.parallelrun.report;

import static dev.parallelrun.report.TerminalLines.cut;
import static dev.parallelrun.report.TerminalLines.safe;
import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link Summary} as aligned plain text for a terminal. Colours (ANSI) only when the {@link Style} says so,
 * which the CLI does only when standard output is a terminal. Every value from the input is printed with its
 * control characters (escape sequences, bidirectional overrides) shown as {@code \\u} escapes, so a hostile
 * value cannot drive the terminal.
 */
public final class TerminalReport {

    /**
     * How to print.
     *
     * @param color true to use ANSI colours and bold
     * @param unicode true when the output encoding can print block characters and µ; else ASCII only
     * @param width the line width values are cut to (at least 60)
     */
    public record Style(boolean color, boolean unicode, int width) {
        /** Checks the width. */
        public Style {
            if (width < 60) {
                throw new IllegalArgumentException("width must be at least 60, was " + width);
            }
        }

        /** No colour, ASCII only, 100 columns: what goes to a file or a pipe. */
        public static Style plain() {
            return new Style(false, false, 100);
        }
    }

    private final Style style;

    /** A report printed in {@code style}. */
    public TerminalReport(Style style) {
        this.style = requireNonNull(style, "style");
    }

    /** The report as text, lines ended by {@code \n}. */
    public String render(Summary summary) {
        StringBuilder out = new StringBuilder(4096);
        print(summary, out);
        return out.toString();
    }

    /** Appends the report to {@code out}. */
    public void print(Summary summary, Appendable out) {
        TerminalLines lines = new TerminalLines(style);
        header(summary, lines);
        LocalDate today = LocalDate.ofInstant(summary.generatedAt(), ZoneOffset.UTC);
        for (MigrationSummary migration : summary.migrations()) {
            lines.add("");
            TerminalMigrations.migration(migration, summary, lines);
        }
        for (ExperimentSummary experiment : summary.experiments()) {
            lines.add("");
            experiment(experiment, today, lines);
        }
        if (!summary.experiments().isEmpty()) {
            legend(lines);
        }
        problems(summary.read(), lines);
        try {
            for (String line : lines.lines) {
                out.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void header(Summary summary, TerminalLines lines) {
        ReadStats read = summary.read();
        lines.add(lines.bold("parallel-run report") + ": "
                + (summary.migrations().isEmpty()
                        ? ""
                        : Format.plural(summary.migrations().size(), "migration", "migrations") + " and ")
                + Format.plural(summary.experiments().size(), "experiment", "experiments") + " from "
                + Format.plural(read.files(), "file", "files") + " ("
                + Format.plural(read.lines(), "line", "lines") + "), generated " + Format.time(summary.generatedAt()));
        ReadFilter filter = summary.filter();
        if (!filter.isAll()) {
            List<String> parts = new ArrayList<>();
            if (!filter.experiments().isEmpty()) {
                parts.add("experiments "
                        + safe(String.join(
                                ", ", filter.experiments().stream().sorted().toList())));
            }
            if (filter.since() != null) {
                parts.add("since " + Format.time(filter.since()));
            }
            if (filter.until() != null) {
                parts.add("until " + Format.time(filter.until()));
            }
            lines.add("Filter: " + String.join(", ", parts) + " (" + Format.plural(read.filteredOut(), "line", "lines")
                    + " left out or used only as baselines)");
        }
        if (read.badLines() > 0 || read.unreadableFiles() > 0) {
            lines.add(lines.red("Skipped " + Format.plural(read.badLines(), "bad line", "bad lines")
                    + (read.unreadableFiles() > 0
                            ? " and " + Format.plural(read.unreadableFiles(), "unreadable file", "unreadable files")
                            : "")
                    + ": see the end of this report"));
        }
        if (read.unknownTypeLines() > 0) {
            lines.add("Skipped " + Format.plural(read.unknownTypeLines(), "line", "lines")
                    + " of a type this reader does not know (written by a newer publisher)");
        }
        if (read.outOfOrderSummaries() > 0) {
            lines.add("Skipped " + Format.plural(read.outOfOrderSummaries(), "summary line", "summary lines")
                    + " older than one already read for the same JVM (their counts are in the newer one)");
        }
        for (String limit : read.limitsReached()) {
            lines.add("Limit: " + limit);
        }
        if (summary.experiments().isEmpty() && summary.migrations().isEmpty()) {
            lines.add("");
            lines.add(
                    read.files() == 0
                            ? "No *.jsonl file was found."
                            : "No experiment in these files" + (filter.isAll() ? "." : " matches the filter."));
        }
    }

    private void experiment(ExperimentSummary experiment, LocalDate today, TerminalLines lines) {
        String badge = switch (experiment.badge()) {
            case "READY" -> lines.green("READY");
            case "NOT READY" -> lines.red("NOT READY");
            case "INCONCLUSIVE" -> lines.yellow("INCONCLUSIVE");
            default -> "UNKNOWN (no summary lines)";
        };
        lines.add(lines.bold("== " + safe(experiment.experiment()) + " ==") + "  " + badge);
        Expiry expiry = experiment.expiry();
        if (expiry.expired()) {
            String when = expiry.expiresOn() == null
                    ? ""
                    : " on " + expiry.expiresOn() + ", " + Format.plural(-expiry.daysLeft(today), "day", "days")
                            + " ago";
            lines.add(lines.red(lines.bold("!! EXPIRED" + when + ": finish the migration and remove this parallel run, "
                    + "or extend expiresOn !!")));
        }
        Verdict readiness = experiment.readiness();
        if (readiness != null) {
            lines.wrapped("Verdict", readiness.verdict());
        }
        lines.field(
                "Seen",
                Format.time(experiment.firstSeen()) + " .. " + Format.time(experiment.lastSeen()) + ", "
                        + Format.plural(experiment.jvms(), "JVM", "JVMs") + " on "
                        + Format.plural(experiment.hosts(), "host", "hosts"));
        if (expiry.expiresOn() != null && !expiry.expired()) {
            lines.field(
                    "Expires",
                    expiry.expiresOn() + " (in " + Format.plural(expiry.daysLeft(today), "day", "days") + ")");
        }
        Totals totals = experiment.totals();
        if (totals != null) {
            TerminalFigures.totals(experiment, totals, lines);
        } else {
            TerminalFigures.resultOutcomes(experiment, lines);
        }
        if (readiness != null) {
            boolean first = true;
            for (Verdict.Check check : readiness.checks()) {
                String mark = check.passed()
                        ? "[ok]  "
                        : check.kind() == Verdict.Kind.SKIPPED_SHARE ? lines.yellow("[??]  ") : lines.red("[FAIL]");
                lines.hanging(
                        "  " + String.format(Locale.ROOT, "%-13s", first ? "Readiness" : "") + mark + " ",
                        TerminalLines.INDENT + "       ",
                        check.toString());
                first = false;
            }
        }
        lines.nextSteps(experiment.nextSteps());
        TerminalFigures.trend(experiment, lines);
        TerminalGroups.noisy(experiment, lines);
        TerminalGroups.groups(experiment, lines);
        lines.notes(experiment.notes());
    }

    /** What each outcome means and what the shares are of, once per report. */
    private static void legend(TerminalLines lines) {
        lines.add("");
        lines.add(lines.bold("What the outcomes mean"));
        for (Outcome outcome : Outcome.values()) {
            lines.hanging(
                    "    " + String.format(Locale.ROOT, "%-18s ", outcome.name()), " ".repeat(23), Legend.of(outcome));
        }
        lines.hanging("    ", "    ", Legend.DENOMINATORS);
    }

    private void problems(ReadStats read, TerminalLines lines) {
        if (read.problems().isEmpty()) {
            return;
        }
        lines.add("");
        lines.add(lines.bold("Lines and files that could not be read") + " ("
                + Format.plural(read.badLines(), "bad line", "bad lines") + ", "
                + Format.plural(read.unreadableFiles(), "unreadable file", "unreadable files") + "):");
        for (ReadProblem problem : read.problems()) {
            lines.add("  " + cut(safe(problem.toString()), style.width() - 2));
        }
        if (read.problemsNotKept() > 0) {
            lines.add("  ... and " + Format.count(read.problemsNotKept()) + " more");
        }
    }

    /**
     * {@code text} with control characters (C0, DEL, C1) and bidirectional controls shown as {@code \\u}
     * escapes, so that a value read from the files cannot drive the terminal it is printed on.
     */
    public static String escapeControls(String text) {
        return safe(text);
    }
}
