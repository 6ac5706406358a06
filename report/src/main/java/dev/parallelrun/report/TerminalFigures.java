package dev.parallelrun.report;

import static dev.parallelrun.report.TerminalLines.cut;
import static dev.parallelrun.report.TerminalLines.safe;

import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.experiment.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The terminal report's figures of one experiment: counts, rates, outcomes, latency and the trend. */
final class TerminalFigures {

    private static final String SPARKS = "▁▂▃▄▅▆▇█";
    private static final String ASCII_SPARKS = "._-~=+*#";
    private static final int SPARKLINE_WIDTH = 60;

    private TerminalFigures() {}

    static void totals(ExperimentSummary experiment, Totals totals, TerminalLines lines) {
        CandidateStats all = totals.all();
        lines.field(
                "Sampled",
                Format.plural(totals.sampled(), "run", "runs")
                        + (totals.dropped() > 0
                                ? " (" + Format.count(totals.dropped()) + " more dropped by a full publishing "
                                        + "queue)"
                                : ""));
        outcomeTable("Outcomes", all.outcomes(), lines);
        lines.field(
                "Rates",
                "mismatch " + Format.rate(all.mismatchRate()) + " of " + Format.count(all.compared())
                        + " compared, candidate errors " + Format.rate(all.errorRate()) + " of "
                        + Format.count(all.ran())
                        + " runs");
        notCompared(totals, lines);
        if (totals.candidates().size() > 1) {
            boolean first = true;
            for (CandidateStats candidate : totals.candidates()) {
                lines.field(
                        first ? "Candidates" : "",
                        String.format(
                                Locale.ROOT,
                                "%-20s mismatch %-9s errors %s",
                                cut(safe(candidate.candidate()), 20),
                                Format.rate(candidate.mismatchRate()),
                                Format.rate(candidate.errorRate())));
                first = false;
            }
        }
        LatencySummary control = totals.control();
        LatencySummary candidate = all.latency();
        String approximate =
                totals.latencyApproximate() ? "  (approximate, merged from " + totals.latencyJvms() + " JVMs)" : "";
        Criteria criteria = experiment.criteria();
        String floor = criteria == null || criteria.latencyFloorNanos() == 0
                ? ""
                : "  (latency floor "
                        + Format.duration(
                                criteria.latencyFloorNanos(), lines.style().unicode()) + ")";
        lines.field("Latency", String.format(Locale.ROOT, "%-10s %10s %10s%s%s", "", "p50", "p99", approximate, floor));
        lines.field(
                "",
                String.format(
                        Locale.ROOT,
                        "%-10s %10s %10s",
                        "control",
                        Format.duration(
                                control.p50(), control.count(), lines.style().unicode()),
                        Format.duration(
                                control.p99(), control.count(), lines.style().unicode())));
        lines.field(
                "",
                String.format(
                        Locale.ROOT,
                        "%-10s %10s %10s",
                        "candidate",
                        Format.duration(
                                candidate.p50(),
                                candidate.count(),
                                lines.style().unicode()),
                        Format.duration(
                                candidate.p99(),
                                candidate.count(),
                                lines.style().unicode())));
        lines.field(
                "",
                String.format(
                        Locale.ROOT,
                        "%-10s %10s %10s",
                        "ratio",
                        Format.ratio(totals.p50Ratio()),
                        Format.ratio(totals.p99Ratio())));
        LatencySummary delay = totals.schedulingDelay();
        if (delay.count() > 0) {
            lines.field(
                    "Start delay",
                    "p50 "
                            + Format.duration(
                                    delay.p50(), delay.count(), lines.style().unicode())
                            + ", p99 "
                            + Format.duration(
                                    delay.p99(), delay.count(), lines.style().unicode())
                            + " from sampling to the candidate's start (not in its latency)");
        }
        long faults =
                totals.faults().values().stream().mapToLong(Long::longValue).sum();
        if (faults > 0) {
            StringBuilder text = new StringBuilder();
            totals.faults().forEach((callback, count) -> {
                if (count > 0) {
                    text.append(text.isEmpty() ? "" : ", ")
                            .append(safe(callback))
                            .append(' ')
                            .append(Format.count(count));
                }
            });
            lines.field("Faults", text.toString());
        }
        if (experiment.resultLines() > 0) {
            lines.field("Result lines", Format.count(experiment.resultLines()) + " (non-matching calls with details)");
        }
    }

    /** Runs not compared, and why: timed out, or skipped for a reason. */
    private static void notCompared(Totals totals, TerminalLines lines) {
        long runs = totals.candidateRuns();
        long skipped = totals.all().count(Outcome.SKIPPED);
        lines.field(
                "Not compared",
                Format.count(totals.notCompared()) + " of "
                        + Format.plural(runs, "sampled candidate run", "sampled candidate runs") + " ("
                        + Format.rate(runs == 0 ? Double.NaN : (double) totals.notCompared() / runs) + "): "
                        + Format.count(totals.all().count(Outcome.TIMED_OUT)) + " timed out, " + Format.count(skipped)
                        + " skipped");
        if (skipped > 0) {
            lines.field("", "skipped because: " + skipReasons(totals.skipped(), totals.skippedWithoutReason()));
        }
        Totals.Runaways runaways = totals.runaways();
        if (runaways != null && (runaways.now() > 0 || runaways.total() > 0)) {
            lines.field(
                    "Runaways",
                    Format.count(runaways.now()) + " running now, " + Format.count(runaways.total())
                            + " in the window (candidates past their timeout whose thread had not ended)");
        }
    }

    static String skipReasons(Map<String, Long> reasons, long withoutReason) {
        List<String> parts = new ArrayList<>();
        reasons.forEach((reason, count) -> parts.add(reason + " " + Format.count(count)));
        if (withoutReason > 0) {
            parts.add(Format.count(withoutReason) + " without a reason in the lines");
        }
        return String.join(", ", parts);
    }

    static void resultOutcomes(ExperimentSummary experiment, TerminalLines lines) {
        lines.field("Result lines", Format.count(experiment.resultLines()));
        outcomeTable("Outcomes", experiment.resultOutcomes(), lines);
        if (!experiment.resultSkipReasons().isEmpty()) {
            lines.field("", "skipped because: " + skipReasons(experiment.resultSkipReasons(), 0));
        }
    }

    private static void outcomeTable(String label, Map<Outcome, Long> outcomes, TerminalLines lines) {
        long runs = outcomes.values().stream().mapToLong(Long::longValue).sum();
        long compared = 0;
        for (Outcome outcome : Outcome.values()) {
            compared += Legend.compared(outcome) ? outcomes.getOrDefault(outcome, 0L) : 0;
        }
        lines.field(label, String.format(Locale.ROOT, "%-18s %12s %9s", "outcome", "count", "share"));
        for (Outcome outcome : Outcome.values()) {
            long count = outcomes.getOrDefault(outcome, 0L);
            long of = Legend.compared(outcome) ? compared : runs;
            lines.field(
                    "",
                    String.format(
                                    Locale.ROOT,
                                    "%-18s %12s %9s %s",
                                    outcome.name(),
                                    Format.count(count),
                                    of == 0 ? "n/a" : Format.rate((double) count / of),
                                    Legend.compared(outcome) ? "of compared" : "of runs, not compared")
                            .stripTrailing());
        }
    }

    static void trend(ExperimentSummary experiment, TerminalLines lines) {
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
        String sparks = lines.style().unicode() ? SPARKS : ASCII_SPARKS;
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
        Duration width = trend.bucket().multipliedBy(perColumn);
        String what = trend.hasRates() ? "mismatch rate" : "mismatches (count; no rates without summary lines)";
        String top = trend.hasRates() ? Format.rate(max) : Format.count((long) max);
        lines.field("Trend", what + " by " + Format.bucketName(width) + ", max " + top);
        lines.field(
                "",
                Format.bucket(first.start(), trend.bucket()) + " |" + line + "|"
                        + (columns.size() > 1 ? " " + Format.bucket(last.start(), trend.bucket()) : ""));
    }
}
