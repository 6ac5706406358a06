package dev.parallelrun.report;

import static dev.parallelrun.report.Html.escape;

import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.experiment.Operation;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.ReadinessCriteria;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@link Summary} as one self-contained HTML page, for people who are not engineers too: a readiness badge
 * per experiment at the top, then per experiment the verdict in plain words, the figures, the mismatch rate
 * over time as an inline SVG chart, the noisy paths with the line to paste, and the mismatch groups with
 * expandable examples ({@code <details>}) showing both sides side by side with the differences highlighted.
 *
 * <p>What a user may rely on: the page loads nothing (inline CSS and SVG, no script, no font, no image, and a
 * Content-Security-Policy that forbids all of them), and every value from the input is escaped for the
 * context it is in (element text or a double-quoted attribute), so a value like
 * {@code </script><script>alert(1)</script>} shows as text.
 */
public final class HtmlReport {

    private static final String CSS = """
            :root{--ready:#1a7f37;--bad:#cf222e;--unknown:#6e7781;--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;\
            --soft:#f6f8fa}
            *{box-sizing:border-box}
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);\
            margin:0;line-height:1.45;background:#fff}
            header,main,footer{max-width:1200px;margin:0 auto;padding:0 24px}
            header{padding-top:24px}
            h1{font-size:26px;margin:0 0 4px}
            h2{font-size:22px;margin:0}
            h3{font-size:16px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
            .meta{color:var(--muted);margin:0 0 8px}
            .warn{color:var(--bad)}
            .cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0 8px}
            .card{display:block;border:1px solid var(--line);border-radius:8px;padding:12px 14px;min-width:240px;\
            max-width:380px;color:inherit;text-decoration:none;background:var(--soft)}
            .card:hover{border-color:var(--muted)}
            .card .name{display:block;font-weight:600;margin:6px 0 2px;overflow-wrap:anywhere}
            .card .line{color:var(--muted);font-size:14px}
            .badge{display:inline-block;border-radius:999px;padding:2px 12px;font-weight:700;font-size:13px;\
            letter-spacing:.03em;color:#fff;vertical-align:middle}
            .badge-ready{background:var(--ready)}
            .badge-not-ready{background:var(--bad)}
            .badge-unknown{background:var(--unknown)}
            .badge-expired{background:#fff;color:var(--bad);border:2px solid var(--bad)}
            .experiment{border-top:3px solid var(--line);margin-top:32px;padding-top:20px}
            .experiment h2 .badge{margin-left:10px}
            .expired-banner{background:#ffebe9;border:2px solid var(--bad);color:#82071e;border-radius:8px;\
            padding:10px 14px;font-weight:600;margin:14px 0}
            .plain{font-size:17px;margin:12px 0}
            .note{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:8px 12px;margin:6px 0}
            table{border-collapse:collapse}
            td,th{padding:4px 12px 4px 0;text-align:left;vertical-align:top}
            th{color:var(--muted);font-weight:600}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            .figures{display:flex;flex-wrap:wrap;gap:32px}
            .checks{list-style:none;padding:0;margin:0}
            .checks li{margin:4px 0}
            .pass::before{content:"\\2713  ";color:var(--ready);font-weight:700}
            .fail::before{content:"\\2717  ";color:var(--bad);font-weight:700}
            .chart{max-width:100%;height:auto;border:1px solid var(--line);border-radius:6px;background:#fff}
            .bar{fill:#0969da}
            .bar-bad{fill:var(--bad)}
            .nodata{fill:#d1d9e0}
            .limit{stroke:var(--bad);stroke-dasharray:6 4;stroke-width:1.5}
            .axis{fill:var(--muted);font-size:12px}
            code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
            .paste{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:2px 8px;\
            user-select:all}
            .group{border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:12px 0}
            .group h4{margin:0 0 6px;font-size:15px;overflow-wrap:anywhere}
            .sharebar{height:8px;background:var(--soft);border-radius:4px;overflow:hidden;max-width:360px;margin:6px 0}
            .sharebar span{display:block;height:100%;background:var(--bad)}
            .paths{margin:6px 0;padding-left:20px}
            .paths code{overflow-wrap:anywhere}
            details.example{border-top:1px dashed var(--line);padding:6px 0}
            details.example summary{cursor:pointer;color:#0969da;font-weight:600}
            .sides{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin:10px 0}
            .side{border:1px solid var(--line);border-radius:6px;overflow:hidden;min-width:0}
            .side h5{margin:0;padding:6px 10px;background:var(--soft);font-size:13px;border-bottom:1px solid var(--line)}
            .side pre{margin:0;padding:8px 10px;overflow:auto;max-height:420px;white-space:pre-wrap;\
            overflow-wrap:anywhere}
            mark.del{background:#ffcecb;color:inherit;border-radius:3px}
            mark.add{background:#aceebb;color:inherit;border-radius:3px}
            .k{color:#0550ae}
            .diffs td code{white-space:pre-wrap;overflow-wrap:anywhere}
            .diffs .before{background:#ffebe9}
            .diffs .after{background:#dafbe1}
            .context td{padding:1px 12px 1px 0;font-size:14px}
            .textdiff{background:var(--soft);padding:6px 8px;border-radius:6px;white-space:pre-wrap}
            .problems li{font-family:ui-monospace,monospace;font-size:13px;overflow-wrap:anywhere}
            footer{color:var(--muted);font-size:13px;padding-bottom:32px;margin-top:40px}
            @media (max-width:800px){.sides{grid-template-columns:1fr}}
            """;

    private HtmlReport() {}

    /** Writes the page to {@code file} (UTF-8), replacing it. */
    public static void write(Summary summary, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(summary, out);
        }
    }

    /** Writes the page to {@code out}. */
    public static void write(Summary summary, Writer out) throws IOException {
        out.write(render(summary));
    }

    /** The page. */
    public static String render(Summary summary) {
        StringBuilder out = new StringBuilder(64 * 1024);
        LocalDate today = LocalDate.ofInstant(summary.generatedAt(), ZoneOffset.UTC);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; base-uri 'none'; "
                        + "form-action 'none'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<title>parallel-run report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        header(summary, today, out);
        out.append("<main>\n");
        int index = 0;
        for (ExperimentSummary experiment : summary.experiments()) {
            experiment(experiment, ++index, today, out);
        }
        problems(summary.read(), out);
        out.append("</main>\n<footer><p>Made by the parallel-run report from the JSON Lines files of the json-lines "
                + "publisher. Times are UTC. Rates follow the engine's definitions: compared = match + mismatch + "
                + "ignored + comparison failed; mismatch rate = (mismatch + comparison failed) / compared; candidate "
                + "error rate = candidate errors / (compared + timed out).</p></footer>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void header(Summary summary, LocalDate today, StringBuilder out) {
        ReadStats read = summary.read();
        out.append("<header>\n<h1>Parallel run report</h1>\n<p class=\"meta\">Generated ")
                .append(escape(Format.time(summary.generatedAt()))).append(" from ")
                .append(Format.plural(read.files(), "file", "files")).append(" (")
                .append(Format.plural(read.lines(), "line", "lines")).append(")");
        ReadFilter filter = summary.filter();
        if (!filter.experiments().isEmpty()) {
            out.append(", experiments ").append(escape(String.join(", ", filter.experiments().stream().sorted().toList())));
        }
        if (filter.since() != null) {
            out.append(", since ").append(escape(Format.time(filter.since())));
        }
        if (filter.until() != null) {
            out.append(", until ").append(escape(Format.time(filter.until())));
        }
        out.append(".</p>\n");
        if (read.badLines() > 0 || read.unreadableFiles() > 0) {
            out.append("<p class=\"meta warn\">").append(Format.plural(read.badLines(), "line", "lines"))
                    .append(" could not be read and ").append(read.badLines() == 1 ? "was" : "were")
                    .append(" skipped; see <a href=\"#problems\">the list at the end</a>.</p>\n");
        }
        for (String limit : read.limitsReached()) {
            out.append("<p class=\"note\">").append(escape(limit)).append("</p>\n");
        }
        out.append("<nav class=\"cards\" aria-label=\"Experiments\">\n");
        int index = 0;
        for (ExperimentSummary experiment : summary.experiments()) {
            index++;
            out.append("<a class=\"card\" href=\"#experiment-").append(index).append("\" data-experiment-index=\"")
                    .append(index).append("\">");
            badge(experiment, out);
            if (experiment.expiry().expired()) {
                out.append(" <span class=\"badge badge-expired\">EXPIRED</span>");
            }
            out.append("<span class=\"name\">").append(escape(experiment.experiment())).append("</span>")
                    .append("<span class=\"line\">").append(escape(cardLine(experiment))).append("</span></a>\n");
        }
        if (summary.experiments().isEmpty()) {
            out.append("<p>No experiment was found in these files").append(filter.isAll() ? "" : " for this filter")
                    .append(".</p>\n");
        }
        out.append("</nav>\n</header>\n");
    }

    private static String cardLine(ExperimentSummary experiment) {
        Totals totals = experiment.totals();
        if (totals == null) {
            return Format.plural(experiment.groupedResults(), "non-matching call", "non-matching calls")
                    + " in result lines; no rates";
        }
        return Format.rate(totals.all().mismatchRate()) + " mismatches over "
                + Format.plural(totals.all().compared(), "compared call", "compared calls");
    }

    private static void badge(ExperimentSummary experiment, StringBuilder out) {
        String badge = experiment.badge();
        String css = switch (badge) {
            case "READY" -> "badge-ready";
            case "NOT READY" -> "badge-not-ready";
            default -> "badge-unknown";
        };
        out.append("<span class=\"badge ").append(css).append("\" data-badge=\"").append(badge).append("\">")
                .append(badge).append("</span>");
    }

    private static void experiment(ExperimentSummary experiment, int index, LocalDate today, StringBuilder out) {
        out.append("<section class=\"experiment\" id=\"experiment-").append(index).append("\">\n<h2>")
                .append(escape(experiment.experiment()));
        badge(experiment, out);
        out.append("</h2>\n");
        Expiry expiry = experiment.expiry();
        if (expiry.expired()) {
            out.append("<p class=\"expired-banner\" data-expired=\"true\">&#9888; This parallel run has expired");
            if (expiry.expiresOn() != null) {
                out.append(" (expiry date ").append(expiry.expiresOn()).append(", ")
                        .append(Format.plural(-expiry.daysLeft(today), "day", "days")).append(" ago)");
            }
            out.append(". Finish the migration and remove it, or set a later expiry date.</p>\n");
        }
        verdict(experiment, out);
        out.append("<p class=\"meta\">Seen from ").append(escape(Format.time(experiment.firstSeen()))).append(" to ")
                .append(escape(Format.time(experiment.lastSeen()))).append(" on ")
                .append(Format.plural(experiment.jvms(), "JVM", "JVMs")).append(" (")
                .append(Format.plural(experiment.hosts(), "host", "hosts")).append(")");
        if (expiry.expiresOn() != null && !expiry.expired()) {
            out.append("; expires on ").append(expiry.expiresOn()).append(" (in ")
                    .append(Format.plural(expiry.daysLeft(today), "day", "days")).append(")");
        }
        out.append(".</p>\n");
        for (String note : experiment.notes()) {
            out.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
        }
        figures(experiment, out);
        checks(experiment, out);
        trend(experiment, out);
        noisy(experiment, out);
        groups(experiment, out);
        out.append("</section>\n");
    }

    private static void verdict(ExperimentSummary experiment, StringBuilder out) {
        Readiness readiness = experiment.readiness();
        out.append("<p class=\"plain\">");
        if (readiness == null) {
            out.append("<strong>Unknown.</strong> The files hold no summary lines for this experiment, so how often "
                    + "the new code differs from the old cannot be computed; only the differences themselves are "
                    + "shown below.");
        } else if (readiness.ready()) {
            Totals totals = experiment.totals();
            out.append("<strong>Ready.</strong> The new code gave the same answer as the old one on ")
                    .append(totals == null ? "n/a" : Format.share(1 - totals.all().mismatchRate()))
                    .append(" of ").append(totals == null ? "" : Format.count(totals.all().compared()))
                    .append(" compared calls and meets every criterion.");
        } else {
            out.append("<strong>Not ready yet:</strong> ");
            List<String> reasons = new ArrayList<>();
            for (Readiness.Check check : readiness.failing()) {
                reasons.add(Format.plainly(check));
            }
            out.append(escape(String.join("; ", reasons))).append('.');
        }
        out.append("</p>\n");
    }

    private static void figures(ExperimentSummary experiment, StringBuilder out) {
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

    private static void outcomes(String caption, java.util.Map<Outcome, Long> outcomes, StringBuilder out) {
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

    private static void checks(ExperimentSummary experiment, StringBuilder out) {
        Readiness readiness = experiment.readiness();
        if (readiness == null) {
            return;
        }
        out.append("<h3>Readiness checks</h3>\n<ul class=\"checks\">\n");
        for (Readiness.Check check : readiness.checks()) {
            out.append("<li class=\"").append(check.passed() ? "pass" : "fail").append("\">")
                    .append(escape(Format.plainly(check))).append("</li>\n");
        }
        out.append("</ul>\n");
    }

    private static void trend(ExperimentSummary experiment, StringBuilder out) {
        Trend trend = experiment.trend();
        out.append("<h3>").append(trend.hasRates() ? "Mismatch rate over time" : "Mismatches over time").append("</h3>\n");
        if (trend.points().isEmpty()) {
            out.append("<p class=\"meta\">No data in the window.</p>\n");
            return;
        }
        ReadinessCriteria criteria = experiment.criteria();
        double limit = trend.hasRates() && criteria != null ? criteria.maxMismatchRate() : Double.NaN;
        List<Trend.Point> points = trend.points();
        double max = 0;
        for (Trend.Point point : points) {
            double value = value(trend, point);
            if (!Double.isNaN(value)) {
                max = Math.max(max, value);
            }
        }
        if (!Double.isNaN(limit)) {
            max = Math.max(max, limit * 1.25);
        }
        if (max == 0) {
            max = 1;
        }
        int width = 900;
        int height = 220;
        int left = 70;
        int right = 16;
        int top = 14;
        int bottom = 44;
        double plotWidth = width - left - right;
        double plotHeight = height - top - bottom;
        double step = plotWidth / points.size();
        double barWidth = Math.min(48, Math.max(1, step * 0.8));
        String label = (trend.hasRates() ? "Mismatch rate" : "Mismatches") + " by " + Format.bucketName(trend.bucket());
        out.append("<svg class=\"chart trend-chart\" role=\"img\" aria-label=\"").append(escape(label))
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\">\n");
        out.append("<title>").append(escape(label)).append("</title>\n");
        out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#d1d9e0\"/>\n",
                left, top + plotHeight, width - right, top + plotHeight));
        String topLabel = trend.hasRates() ? Format.rate(max) : Format.count(Math.round(max));
        out.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                left - 6, top + 10, escape(topLabel)));
        out.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">0</text>\n",
                left - 6, top + plotHeight));
        for (int i = 0; i < points.size(); i++) {
            Trend.Point point = points.get(i);
            double value = value(trend, point);
            double x = left + i * step + (step - barWidth) / 2;
            String tip = Format.bucket(point.start(), trend.bucket()) + ": " + describe(trend, point);
            if (Double.isNaN(value)) {
                out.append(String.format(Locale.ROOT,
                        "<rect class=\"nodata\" x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"2\"><title>%s</title></rect>\n",
                        x, top + plotHeight - 2, barWidth, escape(tip)));
                continue;
            }
            double barHeight = Math.max(value > 0 ? 1.5 : 0.5, value / max * plotHeight);
            boolean over = !Double.isNaN(limit) && value >= limit;
            out.append(String.format(Locale.ROOT,
                    "<rect class=\"%s\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"><title>%s</title></rect>\n",
                    over ? "bar bar-bad" : "bar", x, top + plotHeight - barHeight, barWidth, barHeight, escape(tip)));
        }
        if (!Double.isNaN(limit)) {
            double y = top + plotHeight - limit / max * plotHeight;
            out.append(String.format(Locale.ROOT, "<line class=\"limit\" x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\"/>\n",
                    left, y, width - right, y));
            out.append(String.format(Locale.ROOT,
                    "<text class=\"axis\" x=\"%d\" y=\"%.2f\" text-anchor=\"end\">readiness limit %s</text>\n",
                    width - right, y - 4, escape(Format.rate(limit))));
        }
        out.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%d\">%s</text>\n", left,
                height - 18, escape(Format.bucket(points.get(0).start(), trend.bucket()))));
        out.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                width - right, height - 18, escape(Format.bucket(points.get(points.size() - 1).start(), trend.bucket()))));
        out.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                left + (int) plotWidth / 2, height - 4, escape("one bar per " + Format.bucketName(trend.bucket())
                        + (Double.isNaN(limit) ? "" : "; red bars are at or above the readiness limit"))));
        out.append("</svg>\n");
    }

    private static double value(Trend trend, Trend.Point point) {
        if (trend.hasRates()) {
            return point.rate();
        }
        return point.mismatchResults();
    }

    private static String describe(Trend trend, Trend.Point point) {
        if (!trend.hasRates()) {
            return Format.plural(point.mismatchResults(), "mismatch", "mismatches");
        }
        if (point.compared() == 0) {
            return "no compared calls";
        }
        return Format.rate(point.rate()) + " (" + Format.count(point.mismatches()) + " of "
                + Format.count(point.compared()) + " compared calls)";
    }

    private static void noisy(ExperimentSummary experiment, StringBuilder out) {
        if (experiment.noisyPaths().isEmpty()) {
            return;
        }
        out.append("<h3>Noisy paths</h3>\n<p>These fields differ on nearly every compared call: usually a clock, a "
                + "generated id or a random order. If that is expected, ignore them so the real differences stand "
                + "out: paste the line into the experiment's builder.</p>\n<table class=\"noisy\"><thead><tr><th>Path"
                + "</th><th class=\"num\">Differs on</th><th>Line to paste</th></tr></thead><tbody>\n");
        for (NoisyPath path : experiment.noisyPaths()) {
            out.append("<tr><td><code>").append(escape(path.path())).append("</code></td><td class=\"num\">")
                    .append(Format.share(path.share())).append(" (").append(Format.count(path.differing())).append(" of ")
                    .append(Format.count(path.compared())).append(")</td><td><code class=\"paste\">")
                    .append(escape(path.suggestion())).append("</code></td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static void groups(ExperimentSummary experiment, StringBuilder out) {
        out.append("<h3>Mismatches by signature</h3>\n");
        if (experiment.groups().isEmpty() && experiment.untrackedGroupResults() == 0) {
            out.append("<p class=\"meta\">No non-matching call in the result lines.</p>\n");
            return;
        }
        out.append("<p>").append(Format.plural(experiment.groupedResults(), "non-matching call", "non-matching calls"))
                .append(" fall into ").append(Format.plural(experiment.groups().size(), "group", "groups"))
                .append(". Calls in one group differ in the same places: one edge case each.</p>\n");
        int rank = 0;
        for (SignatureGroup group : experiment.groups()) {
            rank++;
            out.append("<div class=\"group\" data-signature=\"").append(escape(group.signature()))
                    .append("\" data-count=\"").append(group.count()).append("\">\n<h4>#").append(rank).append(' ')
                    .append(escape(groupTitle(group))).append("</h4>\n");
            out.append("<div class=\"sharebar\" title=\"").append(Format.share(group.share()))
                    .append(" of non-matching calls\"><span style=\"width:")
                    .append(String.format(Locale.ROOT, "%.1f", group.share() * 100)).append("%\"></span></div>\n");
            out.append("<p class=\"meta\"><strong>").append(Format.plural(group.count(), "call", "calls"))
                    .append("</strong> (").append(Format.share(group.share())).append(" of non-matching calls), first ")
                    .append(escape(Format.time(group.firstSeen()))).append(", last ")
                    .append(escape(Format.time(group.lastSeen())));
            if (!group.signature().isEmpty()) {
                out.append(", signature <code>").append(escape(group.signature())).append("</code>");
            }
            if (group.candidates().size() > 1 || !group.candidates().containsKey("candidate")) {
                List<String> names = new ArrayList<>();
                group.candidates().forEach((name, count) -> names.add(name + " " + Format.count(count)));
                out.append(", candidates ").append(escape(String.join(", ", names)));
            }
            out.append("</p>\n");
            if (!group.paths().isEmpty()) {
                out.append("<p>Where they differ:</p>\n<ul class=\"paths\">\n");
                for (String path : group.paths()) {
                    out.append("<li><code>").append(escape(path)).append("</code></li>\n");
                }
                if (group.morePaths()) {
                    out.append("<li>and more</li>\n");
                }
                out.append("</ul>\n");
            }
            int number = 0;
            for (Example example : group.examples()) {
                example(example, ++number, group.examples().size(), out);
            }
            out.append("</div>\n");
        }
        if (experiment.untrackedGroupResults() > 0) {
            out.append("<p class=\"note\">").append(Format.plural(experiment.untrackedGroupResults(), "more call",
                    "more calls")).append(" had signatures past the report's bound and are counted, not grouped.</p>\n");
        }
    }

    private static String groupTitle(SignatureGroup group) {
        return switch (group.outcome()) {
            case MISMATCH -> group.paths().isEmpty() ? "Different result"
                    : "Different at " + String.join(", ", group.paths().stream().limit(3).toList())
                            + (group.paths().size() > 3 || group.morePaths() ? ", ..." : "");
            case COMPARISON_FAILED -> "The comparison itself failed";
            case TIMED_OUT -> "The new code timed out";
            default -> group.outcome().name();
        };
    }

    private static void example(Example example, int number, int of, StringBuilder out) {
        out.append("<details class=\"example\">\n<summary>Example ").append(number).append(" of ").append(of)
                .append(": ").append(escape(Format.time(example.time())));
        if (example.key() != null) {
            out.append(", key ").append(escape(example.key()));
        }
        out.append(", host ").append(escape(example.host()));
        out.append("</summary>\n<div class=\"example-body\">\n<table class=\"context\"><tbody>\n");
        contextRow(out, "Host", example.host());
        contextRow(out, "JVM", example.jvm());
        if (example.key() != null) {
            contextRow(out, "Key", example.key());
        }
        example.context().forEach((name, value) -> contextRow(out, name, value));
        if (example.traceId() != null) {
            contextRow(out, "Trace", example.traceId());
        }
        contextRow(out, "Outcome", example.outcome().name());
        if (example.note() != null) {
            contextRow(out, "Note", example.note());
        }
        if (!example.structural()) {
            contextRow(out, "Compared", "with equals/toString (the values could not be turned into trees)");
        }
        contextRow(out, "From", example.file() + ":" + example.line());
        out.append("</tbody></table>\n");
        Set<String> controlMarks = new HashSet<>();
        Set<String> candidateMarks = new HashSet<>();
        for (Difference difference : example.differences()) {
            if (difference.op() != Operation.ADD) {
                controlMarks.add(difference.path());
            }
            if (difference.op() != Operation.REMOVE) {
                candidateMarks.add(difference.path());
            }
        }
        out.append("<div class=\"sides\">\n");
        side("Old code (control)", example.control(), controlMarks, "del", out);
        Example.Run candidate = example.candidateRun();
        if (candidate == null) {
            out.append("<div class=\"side candidate\"><h5>New code (").append(escape(example.candidate()))
                    .append(")</h5><pre>(not run)</pre></div>\n");
        } else {
            side("New code (" + example.candidate() + ")", candidate, candidateMarks, "add", out);
        }
        out.append("</div>\n");
        if (!example.differences().isEmpty()) {
            out.append("<table class=\"diffs\"><thead><tr><th>Change</th><th>Path</th><th>Old</th><th>New</th></tr>"
                    + "</thead><tbody>\n");
            for (Difference difference : example.differences()) {
                out.append("<tr><td>").append(difference.op().rfcName()).append("</td><td><code>")
                        .append(escape(difference.path().isEmpty() ? "(whole value)" : difference.path()))
                        .append("</code></td><td class=\"before\"><code>")
                        .append(difference.previous() == null ? "" : escape(difference.previous()))
                        .append("</code></td><td class=\"after\"><code>")
                        .append(difference.value() == null ? "" : escape(difference.value())).append("</code></td></tr>\n");
                if (difference.textDiff() != null) {
                    out.append("<tr><td></td><td colspan=\"3\"><pre class=\"textdiff\">")
                            .append(escape(difference.textDiff())).append("</pre></td></tr>\n");
                }
            }
            out.append("</tbody></table>\n");
        }
        if (example.differenceCount() > example.differences().size()) {
            out.append("<p class=\"meta\">").append(Format.count(example.differenceCount() - example.differences().size()))
                    .append(" more differences not shown.</p>\n");
        }
        out.append("</div>\n</details>\n");
    }

    private static void contextRow(StringBuilder out, String name, String value) {
        out.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }

    private static void side(String title, Example.Run run, Set<String> marks, String markClass, StringBuilder out) {
        out.append("<div class=\"side ").append(markClass.equals("del") ? "control" : "candidate").append("\"><h5>")
                .append(escape(title)).append(" &middot; ").append(escape(Format.duration(run.durationNanos(), true)))
                .append("</h5><pre>");
        if (run.threw()) {
            out.append("<mark class=\"").append(markClass).append("\">threw ").append(escape(run.exceptionClass()));
            if (run.exceptionMessage() != null) {
                out.append(": ").append(escape(run.exceptionMessage()));
            }
            out.append("</mark>");
        } else if (!run.completed()) {
            out.append("<mark class=\"").append(markClass).append("\">timed out: no value</mark>");
        } else if (run.value() == null) {
            out.append("(no value)");
        } else if (run.truncated() || run.cut()) {
            out.append(escape(run.value()));
        } else {
            out.append(JsonHtml.render(run.value(), marks, markClass));
        }
        out.append("</pre>");
        if (run.truncated() || run.cut()) {
            out.append("<p class=\"meta\" style=\"padding:0 10px\">Value cut")
                    .append(run.truncated() ? " by the publisher's size cap" : " by the report")
                    .append(run.fullLength() >= 0 ? " (full length " + Format.count(run.fullLength()) + " characters)" : "")
                    .append(".</p>");
        }
        out.append("</div>\n");
    }

    private static void problems(ReadStats read, StringBuilder out) {
        if (read.problems().isEmpty()) {
            return;
        }
        out.append("<section class=\"problems\" id=\"problems\">\n<h3>Lines that could not be read</h3>\n<p>")
                .append(Format.plural(read.badLines(), "bad line", "bad lines")).append(" and ")
                .append(Format.plural(read.unreadableFiles(), "unreadable file", "unreadable files"))
                .append(" were skipped.</p>\n<ul>\n");
        for (ReadProblem problem : read.problems()) {
            out.append("<li>").append(escape(problem.toString())).append("</li>\n");
        }
        if (read.problemsNotKept() > 0) {
            out.append("<li>and ").append(Format.count(read.problemsNotKept())).append(" more</li>\n");
        }
        out.append("</ul>\n</section>\n");
    }
}
