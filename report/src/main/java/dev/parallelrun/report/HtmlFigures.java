package dev.parallelrun.report;

import static dev.parallelrun.report.Html.escape;

import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.experiment.Outcome;
import java.util.Map;

/** The HTML report's figures of one experiment: counts, rates, outcomes, latency and candidates. */
final class HtmlFigures {

    private HtmlFigures() {}

    static void figures(ExperimentSummary experiment, StringBuilder out) {
        out.append("<div class=\"figures\">\n");
        Totals totals = experiment.totals();
        if (totals != null) {
            CandidateStats all = totals.all();
            out.append("<table class=\"key-figures\"><tbody>\n");
            row(out, "Sampled calls", Format.count(totals.sampled()));
            if (totals.dropped() > 0) {
                row(out, "Dropped (publishing queue full)", Format.count(totals.dropped()));
            }
            row(out, "Compared", Format.count(all.compared()));
            row(out, "Mismatch rate", Format.rate(all.mismatchRate()));
            row(out, "Candidate error rate", Format.rate(all.errorRate()));
            out.append("</tbody></table>\n");
            outcomes("Outcomes", all.outcomes(), out);
            latency(totals, out);
            if (totals.candidates().size() > 1) {
                out.append("<table class=\"candidates\"><thead><tr><th>Candidate</th><th class=\"num\">Compared</th>"
                        + "<th class=\"num\">Mismatch rate</th><th class=\"num\">Error rate</th></tr></thead><tbody>\n");
                for (CandidateStats candidate : totals.candidates()) {
                    out.append("<tr><td>").append(escape(candidate.candidate())).append("</td><td class=\"num\">")
                            .append(Format.count(candidate.compared())).append("</td><td class=\"num\">")
                            .append(Format.rate(candidate.mismatchRate())).append("</td><td class=\"num\">")
                            .append(Format.rate(candidate.errorRate())).append("</td></tr>\n");
                }
                out.append("</tbody></table>\n");
            }
        } else {
            outcomes("Outcomes in result lines", experiment.resultOutcomes(), out);
        }
        out.append("</div>\n");
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append("<tr><th>").append(escape(label)).append("</th><td class=\"num\">").append(escape(value))
                .append("</td></tr>\n");
    }

    private static void outcomes(String caption, Map<Outcome, Long> outcomes, StringBuilder out) {
        long total = outcomes.values().stream().mapToLong(Long::longValue).sum();
        out.append("<table class=\"outcomes\"><thead><tr><th>").append(escape(caption))
                .append("</th><th class=\"num\">Count</th><th class=\"num\">Share</th></tr></thead><tbody>\n");
        for (Outcome outcome : Outcome.values()) {
            long count = outcomes.get(outcome);
            out.append("<tr><td>").append(outcome.name()).append("</td><td class=\"num\">").append(Format.count(count))
                    .append("</td><td class=\"num\">").append(total == 0 ? "n/a" : Format.share((double) count / total))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static void latency(Totals totals, StringBuilder out) {
        LatencySummary control = totals.control();
        LatencySummary candidate = totals.all().latency();
        out.append("<table class=\"latency\"><thead><tr><th>Latency").append(totals.latencyApproximate()
                ? " (approx.)" : "").append("</th><th class=\"num\">p50</th><th class=\"num\">p99</th></tr></thead><tbody>\n");
        out.append("<tr><td>Control (old)</td><td class=\"num\">")
                .append(escape(Format.duration(control.p50(), control.count(), true))).append("</td><td class=\"num\">")
                .append(escape(Format.duration(control.p99(), control.count(), true))).append("</td></tr>\n");
        out.append("<tr><td>Candidate (new)</td><td class=\"num\">")
                .append(escape(Format.duration(candidate.p50(), candidate.count(), true)))
                .append("</td><td class=\"num\">")
                .append(escape(Format.duration(candidate.p99(), candidate.count(), true))).append("</td></tr>\n");
        out.append("<tr><td>New / old</td><td class=\"num\">").append(Format.ratio(totals.p50Ratio()))
                .append("</td><td class=\"num\">").append(Format.ratio(totals.p99Ratio())).append("</td></tr>\n");
        out.append("</tbody></table>\n");
    }
}
