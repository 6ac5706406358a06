package dev.parallelrun.report;

import static dev.parallelrun.report.Html.escape;

import dev.parallelrun.experiment.Outcome;
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
import org.jspecify.annotations.Nullable;

/**
 * A {@link Summary} as one self-contained HTML page, for people who are not engineers too: a card per migration
 * (its stage, a pending rollback) and per experiment (its readiness badge and the checks that fail) at the top, a
 * section per migration (see {@link HtmlMigrations}), a legend of the outcomes, then per experiment the verdict in
 * plain words, the next steps, the figures, the mismatch rate over time as an inline
 * SVG chart, the noisy paths with the line to paste, and the mismatch groups with expandable examples
 * ({@code <details>}) showing both sides side by side with the differences highlighted.
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
                .append("<title>parallel-run report</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n");
        header(summary, out);
        out.append("<main>\n");
        int migrationIndex = 0;
        for (MigrationSummary migration : summary.migrations()) {
            HtmlMigrations.section(migration, ++migrationIndex, summary, out);
        }
        if (!summary.experiments().isEmpty()) {
            legend(out);
        }
        int index = 0;
        for (ExperimentSummary experiment : summary.experiments()) {
            experiment(experiment, ++index, today, out);
        }
        problems(summary.read(), out);
        out.append("</main>\n<footer><p>Made by the parallel-run report from the JSON Lines files of the json-lines "
                + "publisher. Times are UTC. Rates and shares are the engine's: see <a href=\"#legend\">what the "
                + "outcomes mean</a>.</p></footer>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void header(Summary summary, StringBuilder out) {
        ReadStats read = summary.read();
        out.append("<header>\n<h1>Parallel run report</h1>\n<p class=\"meta\">Generated ")
                .append(escape(Format.time(summary.generatedAt())))
                .append(" from ")
                .append(Format.plural(read.files(), "file", "files"))
                .append(" (")
                .append(Format.plural(read.lines(), "line", "lines"))
                .append(")");
        ReadFilter filter = summary.filter();
        if (!filter.experiments().isEmpty()) {
            out.append(", experiments ")
                    .append(escape(String.join(
                            ", ", filter.experiments().stream().sorted().toList())));
        }
        if (filter.since() != null) {
            out.append(", since ").append(escape(Format.time(filter.since())));
        }
        if (filter.until() != null) {
            out.append(", until ").append(escape(Format.time(filter.until())));
        }
        out.append(".</p>\n");
        if (read.badLines() > 0 || read.unreadableFiles() > 0) {
            out.append("<p class=\"meta warn\">")
                    .append(Format.plural(read.badLines(), "line", "lines"))
                    .append(" could not be read and ")
                    .append(read.badLines() == 1 ? "was" : "were")
                    .append(" skipped; see <a href=\"#problems\">the list at the end</a>.</p>\n");
        }
        for (String limit : read.limitsReached()) {
            out.append("<p class=\"note\">").append(escape(limit)).append("</p>\n");
        }
        out.append("<nav class=\"cards\" aria-label=\"Migrations and experiments\">\n");
        int migrationIndex = 0;
        for (MigrationSummary migration : summary.migrations()) {
            HtmlMigrations.card(migration, ++migrationIndex, out);
        }
        int index = 0;
        for (ExperimentSummary experiment : summary.experiments()) {
            index++;
            out.append("<a class=\"card\" href=\"#experiment-")
                    .append(index)
                    .append("\" data-experiment-index=\"")
                    .append(index)
                    .append("\">");
            badge(experiment, out);
            if (experiment.expiry().expired()) {
                out.append(" <span class=\"badge badge-expired\">EXPIRED</span>");
            }
            out.append("<span class=\"name\">")
                    .append(escape(experiment.experiment()))
                    .append("</span>")
                    .append("<span class=\"line\">")
                    .append(escape(cardLine(experiment)))
                    .append("</span>");
            String checks = cardChecks(experiment);
            if (checks != null) {
                out.append("<span class=\"line fails\">").append(escape(checks)).append("</span>");
            }
            out.append("</a>\n");
        }
        if (summary.experiments().isEmpty() && summary.migrations().isEmpty()) {
            out.append("<p>No experiment was found in these files")
                    .append(filter.isAll() ? "" : " for this filter")
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

    /** Which checks fail (or make the verdict inconclusive), or {@code null} when none does. */
    private static @Nullable String cardChecks(ExperimentSummary experiment) {
        Verdict readiness = experiment.readiness();
        if (readiness == null || readiness.failing().isEmpty()) {
            return readiness == null ? null : "every check passes";
        }
        List<String> criteria = new ArrayList<>();
        for (Verdict.Check check : readiness.failing()) {
            criteria.add(check.criterion());
        }
        return (readiness.status() == Verdict.Status.INCONCLUSIVE ? "inconclusive; failing: " : "failing: ")
                + String.join(", ", criteria);
    }

    private static void badge(ExperimentSummary experiment, StringBuilder out) {
        String badge = experiment.badge();
        String css = switch (badge) {
            case "READY" -> "badge-ready";
            case "NOT READY" -> "badge-not-ready";
            case "INCONCLUSIVE" -> "badge-inconclusive";
            default -> "badge-unknown";
        };
        out.append("<span class=\"badge ")
                .append(css)
                .append("\" data-badge=\"")
                .append(badge)
                .append("\">")
                .append(badge)
                .append("</span>");
    }

    private static void experiment(ExperimentSummary experiment, int index, LocalDate today, StringBuilder out) {
        out.append("<section class=\"experiment\" id=\"experiment-")
                .append(index)
                .append("\">\n<h2>")
                .append(escape(experiment.experiment()));
        badge(experiment, out);
        out.append("</h2>\n");
        Expiry expiry = experiment.expiry();
        if (expiry.expired()) {
            out.append("<p class=\"expired-banner\" data-expired=\"true\">&#9888; This parallel run has expired");
            if (expiry.expiresOn() != null) {
                out.append(" (expiry date ")
                        .append(expiry.expiresOn())
                        .append(", ")
                        .append(Format.plural(-expiry.daysLeft(today), "day", "days"))
                        .append(" ago)");
            }
            out.append(". Finish the migration and remove it, or set a later expiry date.</p>\n");
        }
        verdict(experiment, out);
        nextSteps(experiment.nextSteps(), experiment.groups(), index, out);
        out.append("<p class=\"meta\">Seen from ")
                .append(escape(Format.time(experiment.firstSeen())))
                .append(" to ")
                .append(escape(Format.time(experiment.lastSeen())))
                .append(" on ")
                .append(Format.plural(experiment.jvms(), "JVM", "JVMs"))
                .append(" (")
                .append(Format.plural(experiment.hosts(), "host", "hosts"))
                .append(")");
        if (expiry.expiresOn() != null && !expiry.expired()) {
            out.append("; expires on ")
                    .append(expiry.expiresOn())
                    .append(" (in ")
                    .append(Format.plural(expiry.daysLeft(today), "day", "days"))
                    .append(")");
        }
        out.append(".</p>\n");
        for (String note : experiment.notes()) {
            out.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
        }
        HtmlFigures.figures(experiment, out);
        checks(experiment, out);
        HtmlTrend.trend(experiment, out);
        HtmlGroups.noisy(experiment, out);
        HtmlGroups.groups(experiment, index, out);
        out.append("</section>\n");
    }

    private static void verdict(ExperimentSummary experiment, StringBuilder out) {
        Verdict readiness = experiment.readiness();
        out.append("<p class=\"plain\">");
        if (readiness == null) {
            out.append("<strong>Unknown.</strong> The files hold no summary lines for this experiment, so how often "
                    + "the new code differs from the old cannot be computed; only the differences themselves are "
                    + "shown below.");
        } else if (readiness.ready()) {
            Totals totals = experiment.totals();
            out.append("<strong>Ready.</strong> The new code gave the same answer as the old one on ")
                    .append(
                            totals == null
                                    ? "n/a"
                                    : Format.share(1 - totals.all().mismatchRate()))
                    .append(" of ")
                    .append(totals == null ? "" : Format.count(totals.all().compared()))
                    .append(" compared calls and meets every criterion.");
        } else {
            boolean inconclusive = readiness.status() == Verdict.Status.INCONCLUSIVE;
            out.append(inconclusive ? "<strong>Inconclusive:</strong> " : "<strong>Not ready yet:</strong> ");
            List<String> reasons = new ArrayList<>();
            for (Verdict.Check check : readiness.failing()) {
                if (!inconclusive || check.kind() == Verdict.Kind.SKIPPED_SHARE) {
                    reasons.add(Format.plainly(check));
                }
            }
            if (inconclusive) {
                reasons.add("the figures do not speak for the traffic"
                        + (readiness.failing().size() > reasons.size()
                                ? ", though the failing checks below still " + "need fixing"
                                : ""));
            }
            out.append(escape(String.join("; ", reasons))).append('.');
        }
        out.append("</p>\n");
    }

    /**
     * The steps, numbered, with the line to paste and a link to the group to look at among {@code groups}, those of
     * the {@code index}th experiment.
     */
    static void nextSteps(List<NextStep> steps, List<SignatureGroup> groups, int index, StringBuilder out) {
        if (steps.isEmpty()) {
            return;
        }
        out.append("<h3>Next steps</h3>\n<ol class=\"next-steps\">\n");
        for (NextStep step : steps) {
            out.append("<li data-topic=\"")
                    .append(step.topic().name())
                    .append("\">")
                    .append(escape(step.text()));
            String code = step.code();
            if (code != null) {
                out.append("<br><code class=\"paste\">").append(escape(code)).append("</code>");
            }
            SignatureGroup group = step.group();
            if (group != null) {
                int rank = groups.indexOf(group) + 1;
                out.append(" <a href=\"#")
                        .append(HtmlGroups.anchor(index, rank))
                        .append("\">Go to group #")
                        .append(rank)
                        .append("</a>");
            }
            out.append("</li>\n");
        }
        out.append("</ol>\n");
    }

    /** What each outcome means and what the shares are of, once per page. */
    private static void legend(StringBuilder out) {
        out.append("<section class=\"legend\" id=\"legend\">\n<h3>What the outcomes mean</h3>\n<dl>\n");
        for (Outcome outcome : Outcome.values()) {
            out.append("<div><dt>")
                    .append(outcome.name())
                    .append("</dt><dd>")
                    .append(escape(Legend.of(outcome)))
                    .append("</dd></div>\n");
        }
        out.append("</dl>\n<p class=\"meta\">")
                .append(escape(Legend.DENOMINATORS))
                .append("</p>\n</section>\n");
    }

    private static void checks(ExperimentSummary experiment, StringBuilder out) {
        Verdict readiness = experiment.readiness();
        if (readiness == null) {
            return;
        }
        out.append("<h3>Readiness checks</h3>\n<ul class=\"checks\">\n");
        for (Verdict.Check check : readiness.checks()) {
            String css = check.passed() ? "pass" : check.kind() == Verdict.Kind.SKIPPED_SHARE ? "inconclusive" : "fail";
            out.append("<li class=\"")
                    .append(css)
                    .append("\">")
                    .append(escape(Format.plainly(check)))
                    .append("</li>\n");
        }
        out.append("</ul>\n");
    }

    private static void problems(ReadStats read, StringBuilder out) {
        if (read.problems().isEmpty()) {
            return;
        }
        out.append("<section class=\"problems\" id=\"problems\">\n<h3>Lines that could not be read</h3>\n<p>")
                .append(Format.plural(read.badLines(), "bad line", "bad lines"))
                .append(" and ")
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
