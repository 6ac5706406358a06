package dev.parallelrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path dir;

    @Test
    void thePageLoadsNothingFromAnywhere() throws IOException {
        String page = HtmlReport.render(SampleReport.read(dir));

        assertThat(page)
                .doesNotContainIgnoringCase("http:")
                .doesNotContainIgnoringCase("https:")
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("<img")
                .doesNotContainIgnoringCase("<iframe")
                .doesNotContainIgnoringCase("@import")
                .doesNotContainIgnoringCase("url(")
                .doesNotContainIgnoringCase("@font-face");
        assertThat(Pattern.compile("<[a-zA-Z][^>]*\\ssrc=").matcher(page).find())
                .as("a tag with src")
                .isFalse();
        Matcher links = Pattern.compile("\\shref=\"([^\"]*)\"").matcher(page);
        while (links.find()) {
            assertThat(links.group(1)).as("links stay in the page").startsWith("#");
        }
        assertThat(page).contains("Content-Security-Policy").contains("default-src 'none'");
    }

    @Test
    void everyHostileValueIsEscapedForItsContext() throws IOException {
        String page = HtmlReport.render(SampleReport.read(dir));

        assertThat(page)
                .doesNotContain(SampleReport.SCRIPT)
                .doesNotContain(SampleReport.IMAGE)
                .doesNotContain(SampleReport.ATTRIBUTE)
                .doesNotContain("<svg onload");
        assertThat(page).contains(Html.escape(SampleReport.SCRIPT)).contains(Html.escape(SampleReport.ATTRIBUTE));
        // every attribute value in the page is one of ours: none was opened or closed by input
        Matcher attributes = Pattern.compile("\\s([a-zA-Z-]+)=\"").matcher(page);
        while (attributes.find()) {
            assertThat(attributes.group(1))
                    .isIn(
                            "class",
                            "href",
                            "id",
                            "data-experiment-index",
                            "data-badge",
                            "data-signature",
                            "data-count",
                            "data-expired",
                            "data-topic",
                            "colspan",
                            "role",
                            "aria-label",
                            "viewBox",
                            "width",
                            "height",
                            "x",
                            "y",
                            "x1",
                            "x2",
                            "y1",
                            "y2",
                            "text-anchor",
                            "stroke",
                            "title",
                            "style",
                            "lang",
                            "charset",
                            "http-equiv",
                            "content",
                            "name",
                            "data-migration-index",
                            "data-stage",
                            "data-rolled-back",
                            "data-cause",
                            "data-to",
                            "data-status",
                            "data-acknowledged",
                            "data-side",
                            "data-experiment");
        }
    }

    @Test
    void escapingCoversTextAndDoubleAndSingleQuotedAttributes() {
        assertThat(Html.escape("<a href='x' title=\"y\">&</a>"))
                .isEqualTo("&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;&lt;/a&gt;");
        assertThat(Html.escape("bell\u0007 esc\u001b[31m")).isEqualTo("bell\\u0007 esc\\u001b[31m");
        assertThat(Html.escape("plain text, ünïcödé 🍕")).isEqualTo("plain text, ünïcödé 🍕");
    }

    @Test
    void eachExperimentHasABadgeAndTheExpiredOneABanner() throws IOException {
        String page = HtmlReport.render(SampleReport.read(dir));

        assertThat(count(page, "data-badge=\"READY\"")).isEqualTo(4); // card and heading, of two experiments
        assertThat(count(page, "data-badge=\"NOT READY\"")).isEqualTo(6);
        assertThat(count(page, "data-badge=\"UNKNOWN\"")).isEqualTo(2);
        assertThat(count(page, "class=\"expired-banner\"")).isEqualTo(1);
        assertThat(page)
                .contains("Not ready yet:</strong> the new code gave a different answer on 0.653% of "
                        + "compared calls (must be below 0.100%).");
    }

    @Test
    void theLegendIsOnThePageOnceAndTheSharesSayWhatTheyAreOf() throws IOException {
        String page = HtmlReport.render(SampleReport.read(dir));

        assertThat(count(page, "<section class=\"legend\"")).isEqualTo(1);
        assertThat(page)
                .contains("<dt>IGNORED</dt><dd>differed only where an ignore rule or ignored path allows: "
                        + "neither a match nor a mismatch");
        String pricing = page.substring(page.indexOf("<h2>pricing-v2"), page.indexOf("<h2>quotes"));
        assertThat(pricing)
                .contains("<th>Mismatch rate (of compared calls)</th><td class=\"num\">0.653%</td>")
                .contains("Compared: 8,425, shares of these")
                .contains(">MISMATCH</span></th><td class=\"num\">55</td>" + "<td class=\"num\">0.653%</td>")
                .contains("Not compared: 2, shares of all 8,427 runs");
    }

    @Test
    void cardsSayWhichChecksFail() throws IOException {
        String page = HtmlReport.render(SampleReport.read(dir));

        assertThat(page)
                .contains("<span class=\"line fails\">failing: mismatch rate</span>")
                .contains("<span class=\"line fails\">inconclusive; failing: skipped share</span>")
                .contains("<span class=\"line fails\">every check passes</span>")
                .contains("data-badge=\"INCONCLUSIVE\">INCONCLUSIVE</span>");
    }

    @Test
    void nextStepsLinkToTheGroupAndCarryTheLineToPaste() throws IOException {
        String page = HtmlReport.render(SampleReport.read(dir));

        assertThat(page)
                .containsPattern("<li data-topic=\"MISMATCHES\">Look at the top group, #1 &quot;Different at "
                        + "replace /total&quot;.*<a href=\"#(experiment-\\d+-group-1)\">Go to group #1</a></li>")
                .contains("<li data-topic=\"NOISY_PATH\">/quotedAt differs on 97.6% of compared calls")
                .contains("<br><code class=\"paste\">.ignorePaths(&quot;/quotedAt&quot;)</code>");
        assertThat(page).containsPattern("<div class=\"group\" id=\"experiment-\\d+-group-1\"");
    }

    @Test
    void eachGroupCarriesTheLineThatReplaysItInATestEscaped() throws IOException {
        Path files = dir.resolve("files");
        String page = HtmlReport.render(SampleReport.read(files));

        assertThat(page)
                .contains("<code class=\"paste\">@MismatchSource(files = &quot;" + files + "&quot;, "
                        + "experiment = &quot;pricing-v2&quot;, signatures = &quot;5c7d4a9afa1c5b0f&quot;)</code>")
                .contains("<code class=\"paste\">@MismatchSource(files = &quot;" + files + "&quot;, "
                        + "experiment = &quot;pricing-v2&quot;, outcomes = Outcome.TIMED_OUT)</code>")
                .contains("experiment = &quot;pricing &lt;/script&gt;&lt;script&gt;window.__pwned=1;alert(1)"
                        + "&lt;/script&gt;&quot;, signatures = &quot;\\&quot;&gt;&lt;svg onload=alert(1)&gt;&quot;)");
    }

    @Test
    void aShortRunsChartHasSeveralBarsWithDistinctLabels() throws IOException {
        String page = HtmlReport.render(SampleReport.read(dir));

        String chart = page.substring(page.indexOf("<h2>recommendations"));
        chart = chart.substring(chart.indexOf("<svg"), chart.indexOf("</svg>"));
        assertThat(count(chart, "<rect class=\"bar")).isEqualTo(30);
        assertThat(chart)
                .contains(">2026-11-25 08:01 UTC</text>")
                .contains(">2026-11-25 08:30 UTC</text>")
                .contains("one bar per minute");
    }

    @Test
    void examplesHighlightTheDifferingValuesOnEachSide() {
        String json = JsonHtml.render(
                "{\"total\":10.00,\"lines\":[{\"sku\":\"A\"},{\"sku\":\"B\"}],\"a/b\":1}",
                java.util.Set.of("/total", "/lines/1/sku", "/a~1b"),
                "del");

        assertThat(json)
                .contains("<mark class=\"del\">10.00</mark>")
                .contains("<mark class=\"del\">&quot;B&quot;</mark>")
                .contains("<mark class=\"del\">1</mark>")
                .doesNotContain("<mark class=\"del\">&quot;A&quot;</mark>");
    }

    @Test
    void aSummaryWithNoExperimentSaysSo() throws IOException {
        Summary empty = ReportReader.builder().build().read(List.of(dir));

        assertThat(HtmlReport.render(empty)).contains("No experiment was found");
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
