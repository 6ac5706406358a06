package dev.parallelrun.report;

import static dev.parallelrun.report.Html.escape;

import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.experiment.Outcome;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The HTML report's figures of one experiment, as a grid of captioned tables of the same shape (a label
 * column, right-aligned numbers): counts and rates, outcomes (the runs not compared with why), latency, and
 * the candidates. Every rate and share says what it is of.
 */
final class HtmlFigures {

    private HtmlFigures() {}

    static void figures(ExperimentSummary experiment, StringBuilder out) {
        out.append("<div class=\"figures\">\n");
        Totals totals = experiment.totals();
        if (totals != null) {
            CandidateStats all = totals.all();
            open(out, "key-figures", "Counts and rates", "");
            row(out, "Sampled calls", Format.count(totals.sampled()));
            if (totals.dropped() > 0) {
                row(out, "Dropped (publishing queue full)", Format.count(totals.dropped()));
            }
            row(out, "Candidate runs", Format.count(totals.candidateRuns()));
            row(out, "Compared calls", Format.count(all.compared()));
            row(out, "Mismatch rate (of compared calls)", Format.rate(all.mismatchRate()));
            row(out, "Candidate error rate (of runs that ran)", Format.rate(all.errorRate()));
            Totals.Runaways runaways = totals.runaways();
            if (runaways != null) {
                row(out, "Runaway candidates running now", Format.count(runaways.now()));
                row(out, "Runaway candidates in the window", Format.count(runaways.total()));
            }
            close(out);
            outcomes("Outcomes", all.outcomes(), totals.skipped(), totals.skippedWithoutReason(), out);
            latency(totals, experiment.criteria(), out);
            if (totals.candidates().size() > 1) {
                open(out, "candidates", "Candidates", "Mismatch rate</th><th class=\"num\">Error rate");
                for (CandidateStats candidate : totals.candidates()) {
                    out.append("<tr><th>")
                            .append(escape(candidate.candidate()))
                            .append("</th><td class=\"num\">")
                            .append(Format.rate(candidate.mismatchRate()))
                            .append("</td><td class=\"num\">")
                            .append(Format.rate(candidate.errorRate()))
                            .append("</td></tr>\n");
                }
                close(out);
            }
        } else {
            outcomes("Outcomes in result lines", experiment.resultOutcomes(), experiment.resultSkipReasons(), 0, out);
        }
        out.append("</div>\n");
    }

    /** A table whose header row holds {@code columns} (HTML of further {@code th} cells) after the caption. */
    private static void open(StringBuilder out, String css, String caption, String columns) {
        out.append("<table class=\"")
                .append(css)
                .append("\"><caption>")
                .append(escape(caption))
                .append("</caption>");
        if (!columns.isEmpty()) {
            out.append("<thead><tr><th></th><th class=\"num\">").append(columns).append("</th></tr></thead>");
        }
        out.append("<tbody>\n");
    }

    private static void close(StringBuilder out) {
        out.append("</tbody></table>\n");
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append("<tr><th>")
                .append(escape(label))
                .append("</th><td class=\"num\">")
                .append(escape(value))
                .append("</td></tr>\n");
    }

    /**
     * Each outcome's count and share, in two parts that each say what their shares are of: the compared
     * outcomes (of compared calls, the mismatch rate's denominator) and the ones not compared (of all sampled
     * candidate runs), the skipped ones by reason.
     */
    private static void outcomes(
            String caption,
            Map<Outcome, Long> outcomes,
            Map<String, Long> skipReasons,
            long withoutReason,
            StringBuilder out) {
        long runs = outcomes.values().stream().mapToLong(Long::longValue).sum();
        long compared = 0;
        for (Outcome outcome : Outcome.values()) {
            compared += Legend.compared(outcome) ? outcomes.getOrDefault(outcome, 0L) : 0;
        }
        open(out, "outcomes", caption, "Count</th><th class=\"num\">Share");
        part(out, "Compared: " + Format.count(compared) + ", shares of these");
        for (Outcome outcome : Outcome.values()) {
            if (Legend.compared(outcome)) {
                outcome(out, outcome, outcomes.getOrDefault(outcome, 0L), compared);
            }
        }
        part(out, "Not compared: " + Format.count(runs - compared) + ", shares of all " + Format.count(runs) + " runs");
        for (Outcome outcome : Outcome.values()) {
            if (!Legend.compared(outcome)) {
                outcome(out, outcome, outcomes.getOrDefault(outcome, 0L), runs);
            }
        }
        for (Map.Entry<String, Long> reason : skipReasons.entrySet()) {
            out.append("<tr><th class=\"reason\"><span title=\"")
                    .append(escape(SkipReasons.meaning(reason.getKey())))
                    .append("\">")
                    .append(escape(reason.getKey()))
                    .append("</span></th><td class=\"num\">")
                    .append(Format.count(reason.getValue()))
                    .append("</td><td class=\"num\">")
                    .append(runs == 0 ? "n/a" : Format.rate((double) reason.getValue() / runs))
                    .append("</td></tr>\n");
        }
        if (withoutReason > 0 && !skipReasons.isEmpty()) {
            out.append("<tr><th class=\"reason\">reason not said</th><td class=\"num\">")
                    .append(Format.count(withoutReason))
                    .append("</td><td class=\"num\"></td></tr>\n");
        }
        close(out);
    }

    private static void part(StringBuilder out, String title) {
        out.append("<tr class=\"part\"><th colspan=\"3\">")
                .append(escape(title))
                .append("</th></tr>\n");
    }

    private static void outcome(StringBuilder out, Outcome outcome, long count, long of) {
        out.append("<tr><th><span title=\"")
                .append(escape(Legend.of(outcome)))
                .append("\">")
                .append(outcome.name())
                .append("</span></th><td class=\"num\">")
                .append(Format.count(count))
                .append("</td><td class=\"num\">")
                .append(of == 0 ? "n/a" : Format.rate((double) count / of))
                .append("</td></tr>\n");
    }

    private static void latency(Totals totals, @Nullable Criteria criteria, StringBuilder out) {
        LatencySummary control = totals.control();
        LatencySummary candidate = totals.all().latency();
        open(
                out,
                "latency",
                "Latency" + (totals.latencyApproximate() ? " (approximate)" : ""),
                "p50</th><th class=\"num\">p99");
        latencyRow(out, "Old code (control)", control);
        latencyRow(out, "New code (candidate)", candidate);
        out.append("<tr><th>New / old</th><td class=\"num\">")
                .append(Format.ratio(totals.p50Ratio()))
                .append("</td><td class=\"num\">")
                .append(Format.ratio(totals.p99Ratio()))
                .append("</td></tr>\n");
        LatencySummary delay = totals.schedulingDelay();
        if (delay.count() > 0) {
            latencyRow(out, "Wait to start (not in the new code's)", delay);
        }
        if (criteria != null && criteria.latencyFloorNanos() > 0) {
            out.append("<tr><th>Latency floor</th><td class=\"num\"></td><td class=\"num\">")
                    .append(escape(Format.duration(criteria.latencyFloorNanos(), true)))
                    .append("</td></tr>\n");
        }
        close(out);
    }

    private static void latencyRow(StringBuilder out, String label, LatencySummary latency) {
        out.append("<tr><th>")
                .append(escape(label))
                .append("</th><td class=\"num\">")
                .append(escape(Format.duration(latency.p50(), latency.count(), true)))
                .append("</td><td class=\"num\">")
                .append(escape(Format.duration(latency.p99(), latency.count(), true)))
                .append("</td></tr>\n");
    }
}
