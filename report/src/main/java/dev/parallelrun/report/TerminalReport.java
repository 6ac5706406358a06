package dev.parallelrun.report;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    private static final String LABEL = "%-13s";
    private static final String INDENT = " ".repeat(15);
    private static final String SPARKS = "▁▂▃▄▅▆▇█";
    private static final String ASCII_SPARKS = "._-~=+*#";
    private static final int SPARKLINE_WIDTH = 60;

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
        Lines lines = new Lines();
        header(summary, lines);
        LocalDate today = LocalDate.ofInstant(summary.generatedAt(), ZoneOffset.UTC);
        for (ExperimentSummary experiment : summary.experiments()) {
            lines.add("");
            experiment(experiment, today, lines);
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

    private void header(Summary summary, Lines lines) {
        ReadStats read = summary.read();
        lines.add(bold("parallel-run report") + ": " + Format.plural(summary.experiments().size(), "experiment",
                "experiments") + " from " + Format.plural(read.files(), "file", "files") + " ("
                + Format.plural(read.lines(), "line", "lines") + "), generated " + Format.time(summary.generatedAt()));
        ReadFilter filter = summary.filter();
        if (!filter.isAll()) {
            List<String> parts = new ArrayList<>();
            if (!filter.experiments().isEmpty()) {
                parts.add("experiments " + safe(String.join(", ", filter.experiments().stream().sorted().toList())));
            }
            if (filter.since() != null) {
                parts.add("since " + Format.time(filter.since()));
            }
            if (filter.until() != null) {
                parts.add("until " + Format.time(filter.until()));
            }
            lines.add("Filter: " + String.join(", ", parts) + " (" + Format.plural(read.filteredOut(), "line",
                    "lines") + " left out or used only as baselines)");
        }
        if (read.badLines() > 0 || read.unreadableFiles() > 0) {
            lines.add(red("Skipped " + Format.plural(read.badLines(), "bad line", "bad lines")
                    + (read.unreadableFiles() > 0 ? " and " + Format.plural(read.unreadableFiles(), "unreadable file",
                            "unreadable files") : "") + ": see the end of this report"));
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
        if (summary.experiments().isEmpty()) {
            lines.add("");
            lines.add(read.files() == 0 ? "No *.jsonl file was found." : "No experiment in these files"
                    + (filter.isAll() ? "." : " matches the filter."));
        }
    }

    private void experiment(ExperimentSummary experiment, LocalDate today, Lines lines) {
        String badge = switch (experiment.badge()) {
            case "READY" -> green("READY");
            case "NOT READY" -> red("NOT READY");
            default -> "UNKNOWN (no summary lines)";
        };
        lines.add(bold("== " + safe(experiment.experiment()) + " ==") + "  " + badge);
        Expiry expiry = experiment.expiry();
        if (expiry.expired()) {
            String when = expiry.expiresOn() == null ? "" : " on " + expiry.expiresOn() + ", "
                    + Format.plural(-expiry.daysLeft(today), "day", "days") + " ago";
            lines.add(red(bold("!! EXPIRED" + when + ": finish the migration and remove this parallel run, "
                    + "or extend expiresOn !!")));
        }
        Readiness readiness = experiment.readiness();
        if (readiness != null) {
            lines.wrapped("Verdict", readiness.verdict());
        }
        lines.field("Seen", Format.time(experiment.firstSeen()) + " .. " + Format.time(experiment.lastSeen()) + ", "
                + Format.plural(experiment.jvms(), "JVM", "JVMs") + " on " + Format.plural(experiment.hosts(), "host",
                        "hosts"));
        if (expiry.expiresOn() != null && !expiry.expired()) {
            lines.field("Expires", expiry.expiresOn() + " (in " + Format.plural(expiry.daysLeft(today), "day", "days")
                    + ")");
        }
        Totals totals = experiment.totals();
        if (totals != null) {
            totals(experiment, totals, lines);
        } else {
            resultOutcomes(experiment, lines);
        }
        if (readiness != null) {
            boolean first = true;
            for (Readiness.Check check : readiness.checks()) {
                String mark = check.passed() ? "[ok]  " : red("[FAIL]");
                lines.field(first ? "Readiness" : "", mark + " " + check);
                first = false;
            }
        }
        trend(experiment, lines);
        noisy(experiment, lines);
        groups(experiment, lines);
        boolean first = true;
        for (String note : experiment.notes()) {
            lines.wrapped(first ? "Notes" : "", note);
            first = false;
        }
    }

    private void totals(ExperimentSummary experiment, Totals totals, Lines lines) {
        CandidateStats all = totals.all();
        lines.field("Sampled", Format.plural(totals.sampled(), "run", "runs")
                + (totals.dropped() > 0 ? " (" + Format.count(totals.dropped()) + " more dropped by a full publishing "
                        + "queue)" : ""));
        outcomeTable("Outcomes", all.outcomes(), lines);
        lines.field("Rates", "mismatch " + Format.rate(all.mismatchRate()) + " of " + Format.count(all.compared())
                + " compared, candidate errors " + Format.rate(all.errorRate()) + " of " + Format.count(all.ran())
                + " runs");
        if (totals.candidates().size() > 1) {
            boolean first = true;
            for (CandidateStats candidate : totals.candidates()) {
                lines.field(first ? "Candidates" : "", String.format(Locale.ROOT, "%-20s mismatch %-9s errors %s",
                        cut(safe(candidate.candidate()), 20), Format.rate(candidate.mismatchRate()),
                        Format.rate(candidate.errorRate())));
                first = false;
            }
        }
        LatencySummary control = totals.control();
        LatencySummary candidate = all.latency();
        String approximate = totals.latencyApproximate() ? "  (approximate, merged from "
                + totals.latencyJvms() + " JVMs)" : "";
        lines.field("Latency", String.format(Locale.ROOT, "%-10s %10s %10s%s", "", "p50", "p99", approximate));
        lines.field("", String.format(Locale.ROOT, "%-10s %10s %10s", "control",
                Format.duration(control.p50(), control.count(), style.unicode()),
                Format.duration(control.p99(), control.count(), style.unicode())));
        lines.field("", String.format(Locale.ROOT, "%-10s %10s %10s", "candidate",
                Format.duration(candidate.p50(), candidate.count(), style.unicode()),
                Format.duration(candidate.p99(), candidate.count(), style.unicode())));
        lines.field("", String.format(Locale.ROOT, "%-10s %10s %10s", "ratio", Format.ratio(totals.p50Ratio()),
                Format.ratio(totals.p99Ratio())));
        long faults = totals.faults().values().stream().mapToLong(Long::longValue).sum();
        if (faults > 0) {
            StringBuilder text = new StringBuilder();
            totals.faults().forEach((callback, count) -> {
                if (count > 0) {
                    text.append(text.isEmpty() ? "" : ", ").append(safe(callback)).append(' ').append(Format.count(count));
                }
            });
            lines.field("Faults", text.toString());
        }
        if (experiment.resultLines() > 0) {
            lines.field("Result lines", Format.count(experiment.resultLines()) + " (non-matching calls with details)");
        }
    }

    private void resultOutcomes(ExperimentSummary experiment, Lines lines) {
        lines.field("Result lines", Format.count(experiment.resultLines()));
        outcomeTable("Outcomes", experiment.resultOutcomes(), lines);
    }

    private void outcomeTable(String label, Map<Outcome, Long> outcomes, Lines lines) {
        long total = outcomes.values().stream().mapToLong(Long::longValue).sum();
        lines.field(label, String.format(Locale.ROOT, "%-18s %12s %9s", "outcome", "count", "share"));
        for (Outcome outcome : Outcome.values()) {
            long count = outcomes.get(outcome);
            lines.field("", String.format(Locale.ROOT, "%-18s %12s %9s", outcome.name(), Format.count(count),
                    total == 0 ? "n/a" : Format.share((double) count / total)));
        }
    }

    private void trend(ExperimentSummary experiment, Lines lines) {
        Trend trend = experiment.trend();
        if (trend.points().isEmpty()) {
            return;
        }
        int perColumn = (trend.points().size() + SPARKLINE_WIDTH - 1) / SPARKLINE_WIDTH;
        List<double[]> columns = new ArrayList<>();
        for (int i = 0; i < trend.points().size(); i += perColumn) {
            long compared = 0;
            long mismatches = 0;
            long results = 0;
            for (int j = i; j < Math.min(trend.points().size(), i + perColumn); j++) {
                Trend.Point point = trend.points().get(j);
                compared += point.compared();
                mismatches += point.mismatches();
                results += point.mismatchResults();
            }
            if (trend.hasRates()) {
                columns.add(new double[] {compared == 0 ? Double.NaN : (double) mismatches / compared});
            } else {
                columns.add(new double[] {results});
            }
        }
        double max = 0;
        for (double[] column : columns) {
            if (!Double.isNaN(column[0])) {
                max = Math.max(max, column[0]);
            }
        }
        String sparks = style.unicode() ? SPARKS : ASCII_SPARKS;
        StringBuilder line = new StringBuilder(columns.size());
        for (double[] column : columns) {
            double value = column[0];
            if (Double.isNaN(value)) {
                line.append(' ');
            } else {
                int level = max == 0 ? 0 : (int) Math.round(value / max * (sparks.length() - 1));
                line.append(sparks.charAt(level));
            }
        }
        Trend.Point first = trend.points().get(0);
        Trend.Point last = trend.points().get(trend.points().size() - 1);
        java.time.Duration width = trend.bucket().multipliedBy(perColumn);
        String what = trend.hasRates() ? "mismatch rate" : "mismatches (count; no rates without summary lines)";
        String top = trend.hasRates() ? Format.rate(max) : Format.count((long) max);
        lines.field("Trend", what + " by " + Format.bucketName(width) + ", max " + top);
        lines.field("", Format.bucket(first.start(), trend.bucket()) + " |" + line + "| "
                + Format.bucket(last.start(), trend.bucket()));
    }

    private void noisy(ExperimentSummary experiment, Lines lines) {
        boolean first = true;
        for (NoisyPath path : experiment.noisyPaths()) {
            lines.field(first ? "Noisy paths" : "", safe(path.path()) + " differs on " + Format.share(path.share())
                    + " of compared calls (" + Format.count(path.differing()) + " of " + Format.count(path.compared())
                    + ")");
            lines.field("", "  if expected, paste into the experiment's builder: " + safe(path.suggestion()));
            first = false;
        }
    }

    private void groups(ExperimentSummary experiment, Lines lines) {
        if (experiment.groups().isEmpty() && experiment.untrackedGroupResults() == 0) {
            lines.field("Mismatches", "none in result lines");
            return;
        }
        lines.field("Mismatches", Format.plural(experiment.groups().size(), "group", "groups") + " by signature, "
                + Format.plural(experiment.groupedResults(), "non-matching result", "non-matching results"));
        int rank = 0;
        for (SignatureGroup group : experiment.groups()) {
            rank++;
            lines.add(cut("  #" + rank + "  " + Format.plural(group.count(), "call", "calls") + " ("
                    + Format.share(group.share()) + ")  " + safe(group.title()), style.width()));
            String indent = "       ";
            lines.add(indent + "seen " + Format.time(group.firstSeen()) + " .. " + Format.time(group.lastSeen()));
            if (!group.paths().isEmpty()) {
                lines.add(indent + cut("paths: " + safe(String.join(", ", group.paths())) + (group.morePaths()
                        ? ", ..." : ""), style.width() - indent.length()));
            }
            if (group.candidates().size() > 1 || !group.candidates().containsKey("candidate")) {
                StringBuilder names = new StringBuilder();
                group.candidates().forEach((name, count) -> names.append(names.isEmpty() ? "" : ", ").append(safe(name))
                        .append(' ').append(Format.count(count)));
                lines.add(indent + cut("candidates: " + names, style.width() - indent.length()));
            }
            if (!group.examples().isEmpty()) {
                example(group.examples().get(group.examples().size() - 1), indent, lines);
            }
        }
    }

    private void example(Example example, String indent, Lines lines) {
        int width = style.width() - indent.length() - 13;
        StringBuilder about = new StringBuilder("latest example: ").append(Format.time(example.time()));
        if (example.key() != null) {
            about.append(", key ").append(safe(example.key()));
        }
        about.append(", host ").append(safe(example.host()));
        if (!example.context().isEmpty()) {
            about.append(", context ");
            example.context().forEach((k, v) -> about.append(safe(k)).append('=').append(safe(v)).append(' '));
        }
        lines.add(indent + cut(about.toString().strip(), style.width() - indent.length()));
        lines.add(indent + String.format(Locale.ROOT, "%-12s ", "control") + cut(side(example.control()), width));
        lines.add(indent + String.format(Locale.ROOT, "%-12s ", cut(safe(example.candidate()), 12))
                + cut(example.candidateRun() == null ? "(skipped)" : side(example.candidateRun()), width));
        for (Difference difference : example.differences()) {
            String change = switch (difference.op()) {
                case ADD -> "added " + difference.value();
                case REMOVE -> "removed " + difference.previous();
                case REPLACE -> difference.previous() + " -> " + difference.value();
            };
            lines.add(indent + String.format(Locale.ROOT, "%-12s ", difference.op().rfcName())
                    + cut(safe((difference.path().isEmpty() ? "(root)" : difference.path()) + ": " + change), width));
        }
        if (example.differenceCount() > example.differences().size()) {
            lines.add(indent + INDENT.substring(0, 13) + "... " + Format.count(example.differenceCount()
                    - example.differences().size()) + " more differences");
        }
        if (example.note() != null) {
            lines.add(indent + String.format(Locale.ROOT, "%-12s ", "note") + cut(safe(example.note()), width));
        }
    }

    private String side(Example.Run run) {
        String text;
        if (run.threw()) {
            text = "threw " + run.exceptionClass() + (run.exceptionMessage() == null ? "" : ": " + run.exceptionMessage());
        } else if (!run.completed()) {
            text = "timed out";
        } else if (run.value() == null) {
            text = "(no value)";
        } else {
            text = run.value();
        }
        return safe(text) + "  (" + Format.duration(run.durationNanos(), style.unicode()) + ")";
    }

    private void problems(ReadStats read, Lines lines) {
        if (read.problems().isEmpty()) {
            return;
        }
        lines.add("");
        lines.add(bold("Lines and files that could not be read") + " (" + Format.count(read.badLines()) + " bad lines, "
                + Format.count(read.unreadableFiles()) + " unreadable files):");
        for (ReadProblem problem : read.problems()) {
            lines.add("  " + cut(safe(problem.toString()), style.width() - 2));
        }
        if (read.problemsNotKept() > 0) {
            lines.add("  ... and " + Format.count(read.problemsNotKept()) + " more");
        }
    }

    /** Control characters and bidirectional controls as visible escapes, so input cannot drive the terminal. */
    static String safe(String text) {
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || (c >= '\u202a' && c <= '\u202e')
                    || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f';
            if (control && safe == null) {
                safe = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (safe != null) {
                if (control) {
                    safe.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    safe.append(c);
                }
            }
        }
        return safe == null ? text : safe.toString();
    }

    private static String cut(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        int end = Math.max(0, width - 3);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }

    private String bold(String text) {
        return style.color() ? "\u001b[1m" + text + "\u001b[0m" : text;
    }

    private String red(String text) {
        return style.color() ? "\u001b[31m" + text + "\u001b[0m" : text;
    }

    private String green(String text) {
        return style.color() ? "\u001b[32m" + text + "\u001b[0m" : text;
    }

    /** Lines with a label column. */
    private final class Lines {
        final List<String> lines = new ArrayList<>();

        void add(String line) {
            lines.add(line);
        }

        void field(String label, String value) {
            lines.add("  " + String.format(Locale.ROOT, LABEL, label) + value);
        }

        void wrapped(String label, String text) {
            int width = style.width() - INDENT.length();
            String rest = safe(text);
            String first = label;
            while (!rest.isEmpty()) {
                int end = rest.length() <= width ? rest.length() : rest.lastIndexOf(' ', width);
                if (end <= 0) {
                    end = Math.min(width, rest.length());
                }
                field(first, rest.substring(0, end).strip());
                rest = rest.substring(end).strip();
                first = "";
            }
        }
    }
}
