package dev.parallelrun.report;

import static dev.parallelrun.report.Html.escape;

import dev.parallelrun.experiment.Readiness;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

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

    /** The style sheet, a resource of this package, read once and inlined in every page. */
    private static final String CSS = css();

    private HtmlReport() {}

    private static String css() {
        try (InputStream in = HtmlReport.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing from the report's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
        HtmlFigures.figures(experiment, out);
        checks(experiment, out);
        HtmlTrend.trend(experiment, out);
        HtmlGroups.noisy(experiment, out);
        HtmlGroups.groups(experiment, out);
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