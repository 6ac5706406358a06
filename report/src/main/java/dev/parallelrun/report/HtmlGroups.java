package dev.parallelrun.report;

import static dev.parallelrun.report.Html.escape;

import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.Operation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What differs, in the HTML report: the noisy paths with the line to paste, and the mismatch groups with their
 * expandable examples, both sides side by side with the differing values highlighted.
 */
final class HtmlGroups {

    private HtmlGroups() {}

    static void noisy(ExperimentSummary experiment, StringBuilder out) {
        if (experiment.noisyPaths().isEmpty()) {
            return;
        }
        out.append("<h3>Noisy paths</h3>\n<p>These fields differ on nearly every compared call: usually a clock, a "
                + "generated id or a random order. If that is expected, ignore them so the real differences stand "
                + "out: paste the line into the experiment's builder.</p>\n<table class=\"noisy\"><thead><tr><th>Path"
                + "</th><th class=\"num\">Differs on</th><th>Line to paste</th></tr></thead><tbody>\n");
        for (NoisyPath path : experiment.noisyPaths()) {
            out.append("<tr><td><code>")
                    .append(escape(path.path()))
                    .append("</code></td><td class=\"num\">")
                    .append(Format.share(path.share()))
                    .append(" (")
                    .append(Format.count(path.differing()))
                    .append(" of ")
                    .append(Format.count(path.compared()))
                    .append(")</td><td><code class=\"paste\">")
                    .append(escape(path.suggestion()))
                    .append("</code></td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    /** The id of the group of rank {@code rank} (from 1) of the experiment at {@code index} (from 1). */
    static String anchor(int index, int rank) {
        return "experiment-" + index + "-group-" + rank;
    }

    static void groups(ExperimentSummary experiment, int index, StringBuilder out) {
        out.append("<h3>Mismatches by signature</h3>\n");
        if (experiment.groups().isEmpty() && experiment.untrackedGroupResults() == 0) {
            out.append("<p class=\"meta\">No non-matching call in the result lines.</p>\n");
            return;
        }
        out.append("<p>")
                .append(Format.plural(experiment.groupedResults(), "non-matching call", "non-matching calls"))
                .append(" fall into ")
                .append(Format.plural(experiment.groups().size(), "group", "groups"))
                .append(". Calls in one group differ in the same places: one edge case each.</p>\n");
        int rank = 0;
        for (SignatureGroup group : experiment.groups()) {
            rank++;
            out.append("<div class=\"group\" id=\"")
                    .append(anchor(index, rank))
                    .append("\" data-signature=\"")
                    .append(escape(group.signature()))
                    .append("\" data-count=\"")
                    .append(group.count())
                    .append("\">\n<h4>#")
                    .append(rank)
                    .append(' ')
                    .append(escape(group.headline()))
                    .append("</h4>\n");
            out.append("<div class=\"sharebar\" title=\"")
                    .append(Format.share(group.share()))
                    .append(" of non-matching calls\"><span style=\"width:")
                    .append(String.format(Locale.ROOT, "%.1f", group.share() * 100))
                    .append("%\"></span></div>\n");
            out.append("<p class=\"meta\"><strong>")
                    .append(Format.plural(group.count(), "call", "calls"))
                    .append("</strong> (")
                    .append(Format.share(group.share()))
                    .append(" of non-matching calls), first ")
                    .append(escape(Format.time(group.firstSeen())))
                    .append(", last ")
                    .append(escape(Format.time(group.lastSeen())));
            if (!group.signature().isEmpty()) {
                out.append(", signature <code>")
                        .append(escape(group.signature()))
                        .append("</code>");
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
            out.append("<p class=\"replay\">Replay these calls in a test: put this line on a JUnit "
                            + "<code>@ParameterizedTest</code> (parallel-run-junit), with the files where the test can read "
                            + "them:<br><code class=\"paste\">")
                    .append(escape(group.replay()))
                    .append("</code></p>\n");
            int number = 0;
            for (Example example : group.examples()) {
                example(example, ++number, group.examples().size(), out);
            }
            out.append("</div>\n");
        }
        if (experiment.untrackedGroupResults() > 0) {
            out.append("<p class=\"note\">")
                    .append(Format.plural(experiment.untrackedGroupResults(), "more call", "more calls"))
                    .append(" had signatures past the report's bound and are counted, not grouped.</p>\n");
        }
    }

    private static void example(Example example, int number, int of, StringBuilder out) {
        out.append("<details class=\"example\">\n<summary>Example ")
                .append(number)
                .append(" of ")
                .append(of)
                .append(": ")
                .append(escape(Format.time(example.time())));
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
            out.append("<div class=\"side candidate\"><h5>New code (")
                    .append(escape(example.candidate()))
                    .append(")</h5><pre>(not run)</pre></div>\n");
        } else {
            side("New code (" + example.candidate() + ")", candidate, candidateMarks, "add", out);
        }
        out.append("</div>\n");
        if (!example.differences().isEmpty()) {
            out.append("<table class=\"diffs\"><thead><tr><th>Change</th><th>Path</th><th>Old</th><th>New</th></tr>"
                    + "</thead><tbody>\n");
            for (Difference difference : example.differences()) {
                out.append("<tr><td>")
                        .append(difference.op().rfcName())
                        .append("</td><td><code>")
                        .append(escape(difference.path().isEmpty() ? "(whole value)" : difference.path()))
                        .append("</code></td><td class=\"before\"><code>")
                        .append(difference.previous() == null ? "" : escape(difference.previous()))
                        .append("</code></td><td class=\"after\"><code>")
                        .append(difference.value() == null ? "" : escape(difference.value()))
                        .append("</code></td></tr>\n");
                if (difference.textDiff() != null) {
                    out.append("<tr><td></td><td colspan=\"3\"><pre class=\"textdiff\">")
                            .append(escape(difference.textDiff()))
                            .append("</pre></td></tr>\n");
                }
            }
            out.append("</tbody></table>\n");
        }
        if (example.differenceCount() > example.differences().size()) {
            out.append("<p class=\"meta\">")
                    .append(Format.count(
                            example.differenceCount() - example.differences().size()))
                    .append(" more differences not shown.</p>\n");
        }
        out.append("</div>\n</details>\n");
    }

    private static void contextRow(StringBuilder out, String name, String value) {
        out.append("<tr><th>")
                .append(escape(name))
                .append("</th><td>")
                .append(escape(value))
                .append("</td></tr>\n");
    }

    private static void side(String title, Example.Run run, Set<String> marks, String markClass, StringBuilder out) {
        out.append("<div class=\"side ")
                .append(markClass.equals("del") ? "control" : "candidate")
                .append("\"><h5>")
                .append(escape(title))
                .append(" &middot; ")
                .append(escape(Format.duration(run.durationNanos(), true)));
        if (run.startDelayNanos() >= 0) {
            out.append(" &middot; started ")
                    .append(escape(Format.duration(run.startDelayNanos(), true)))
                    .append(" after sampling");
        }
        out.append("</h5><pre>");
        String thrown = run.exceptionClass(); // null exactly when the run did not throw
        if (thrown != null) {
            out.append("<mark class=\"").append(markClass).append("\">threw ").append(escape(thrown));
            String message = run.exceptionMessage();
            if (message != null) {
                out.append(": ").append(escape(message));
            }
            out.append("</mark>");
        } else if (!run.started()) {
            out.append("<mark class=\"")
                    .append(markClass)
                    .append("\">timed out before it started: it got no thread " + "in time</mark>");
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
                    .append(
                            run.fullLength() >= 0
                                    ? " (full length " + Format.count(run.fullLength()) + " characters)"
                                    : "")
                    .append(".</p>");
        }
        out.append("</div>\n");
    }
}
