package dev.parallelrun.report;

import static dev.parallelrun.report.Html.escape;

import java.util.List;
import java.util.Locale;

/** The HTML report's trend chart: an inline SVG bar chart of the mismatch rate over time. */
final class HtmlTrend {

    private HtmlTrend() {}

    static void trend(ExperimentSummary experiment, StringBuilder out) {
        Trend trend = experiment.trend();
        out.append("<h3>")
                .append(trend.hasRates() ? "Mismatch rate over time" : "Mismatches over time")
                .append("</h3>\n");
        if (trend.points().isEmpty()) {
            out.append("<p class=\"meta\">No data in the window.</p>\n");
            return;
        }
        Criteria criteria = experiment.criteria();
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
        out.append("<svg class=\"chart trend-chart\" role=\"img\" aria-label=\"")
                .append(escape(label))
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\">\n");
        out.append("<title>").append(escape(label)).append("</title>\n");
        out.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#d1d9e0\"/>\n",
                left,
                top + plotHeight,
                width - right,
                top + plotHeight));
        String topLabel = trend.hasRates() ? Format.rate(max) : Format.count(Math.round(max));
        out.append(String.format(
                Locale.ROOT,
                "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                left - 6,
                top + 10,
                escape(topLabel)));
        out.append(String.format(
                Locale.ROOT,
                "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">0</text>\n",
                left - 6,
                top + plotHeight));
        for (int i = 0; i < points.size(); i++) {
            Trend.Point point = points.get(i);
            double value = value(trend, point);
            double x = left + i * step + (step - barWidth) / 2;
            String tip = Format.bucket(point.start(), trend.bucket()) + ": " + describe(trend, point);
            if (Double.isNaN(value)) {
                out.append(String.format(
                        Locale.ROOT,
                        "<rect class=\"nodata\" x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"2\"><title>%s</title></rect>\n",
                        x,
                        top + plotHeight - 2,
                        barWidth,
                        escape(tip)));
                continue;
            }
            double barHeight = Math.max(value > 0 ? 1.5 : 0.5, value / max * plotHeight);
            boolean over = !Double.isNaN(limit) && value >= limit;
            out.append(String.format(
                    Locale.ROOT,
                    "<rect class=\"%s\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"><title>%s</title></rect>\n",
                    over ? "bar bar-bad" : "bar",
                    x,
                    top + plotHeight - barHeight,
                    barWidth,
                    barHeight,
                    escape(tip)));
        }
        if (!Double.isNaN(limit)) {
            double y = top + plotHeight - limit / max * plotHeight;
            out.append(String.format(
                    Locale.ROOT,
                    "<line class=\"limit\" x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\"/>\n",
                    left,
                    y,
                    width - right,
                    y));
            out.append(String.format(
                    Locale.ROOT,
                    "<text class=\"axis\" x=\"%d\" y=\"%.2f\" text-anchor=\"end\">readiness limit %s</text>\n",
                    width - right,
                    y - 4,
                    escape(Format.rate(limit))));
        }
        out.append(String.format(
                Locale.ROOT,
                "<text class=\"axis\" x=\"%d\" y=\"%d\">%s</text>\n",
                left,
                height - 18,
                escape(Format.bucket(points.get(0).start(), trend.bucket()))));
        if (points.size() > 1) { // one bar has one label
            out.append(String.format(
                    Locale.ROOT,
                    "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                    width - right,
                    height - 18,
                    escape(Format.bucket(points.get(points.size() - 1).start(), trend.bucket()))));
        }
        out.append(String.format(
                Locale.ROOT,
                "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                left + (int) plotWidth / 2,
                height - 4,
                escape("one bar per " + Format.bucketName(trend.bucket())
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
}
