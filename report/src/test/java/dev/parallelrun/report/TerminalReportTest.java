package dev.parallelrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalReportTest {

    @TempDir
    Path dir;

    @Test
    void plainStyleHasNoAnsiAndNothingButAscii() throws IOException {
        String text = SampleReport.terminal(dir);

        assertThat(text).doesNotContain("\u001b");
        assertThat(text.lines().filter(line -> !line.contains("script") && !line.contains("onmouseover")))
                .allSatisfy(line -> assertThat(line.chars().allMatch(c -> c < 128 || "µ".indexOf(c) >= 0))
                        .as(line)
                        .isTrue());
    }

    @Test
    void colorsOnlyWhenAsked() throws IOException {
        Summary summary = SampleReport.read(dir);

        String colored = new TerminalReport(new TerminalReport.Style(true, true, 100)).render(summary);

        assertThat(colored).contains("\u001b[32mREADY\u001b[0m").contains("\u001b[31mNOT READY\u001b[0m");
    }

    @Test
    void eachExperimentShowsItsVerdictRatesLatencyTrendAndGroups() throws IOException {
        String text = new TerminalReport(new TerminalReport.Style(false, true, 100)).render(SampleReport.read(dir));

        assertThat(text)
                .contains("== pricing-v2 ==  NOT READY")
                .contains("Verdict      NOT READY: mismatch rate 0.653% (needs below 0.100%)")
                .contains("Rates        mismatch 0.653% of 8,425 compared, candidate errors 0.024% of 8,427 runs")
                .contains("ratio           1.20x      1.33x")
                .contains("[FAIL] mismatch rate 0.653% (needs below 0.100%)")
                .contains("2026-11-25 08:00 UTC |▂▂▂▂▂▅▇▇▇█| 2026-11-25 17:00 UTC")
                .contains("#1  29 calls (50.9%)  MISMATCH 5c7d4a9afa1c5b0f")
                .contains("replace      /total: 10.00 -> 10.05")
                .contains("== search-v3 ==  READY")
                .contains("if expected, paste into the experiment's builder: .ignorePaths(\"/quotedAt\")")
                .contains("!! EXPIRED on 2026-11-01, 25 days ago");
    }

    @Test
    void theLegendIsPrintedOnceAfterTheExperimentsWithTheDenominators() throws IOException {
        String text = SampleReport.terminal(dir);

        assertThat(text)
                .containsOnlyOnce("What the outcomes mean")
                .contains("    IGNORED            differed only where an ignore rule or ignored path allows: neither a "
                        + "match")
                .contains(
                        "    The mismatch rate and the shares of MATCH, MISMATCH, IGNORED and COMPARISON_FAILED are of");
        assertThat(text.indexOf("What the outcomes mean")).isGreaterThan(text.indexOf("== search-v3 =="));
    }

    @Test
    void theMismatchShareAndTheMismatchRateHaveTheSameDenominator() throws IOException {
        String text = SampleReport.terminal(dir);

        assertThat(text)
                .contains("MISMATCH                     55    0.653% of compared")
                .contains("TIMED_OUT                     2    0.024% of runs, not compared")
                .contains("Rates        mismatch 0.653% of 8,425 compared");
    }

    @Test
    void nextStepsAreNumberedUnderTheChecks() throws IOException {
        String text = SampleReport.terminal(dir);

        assertThat(text)
                .contains("  Next steps   1. Look at the top group, #1 \"Different at replace /total\" (29 calls,")
                .contains("  Next steps   1. /legs/*/at differs on 97.6% of compared calls")
                .contains("                    .ignorePaths(\"/quotedAt\")")
                .contains("               2. /quotedAt differs on 97.6%");
    }

    @Test
    void anInconclusiveExperimentSaysWhyWhatWasSkippedAndWhenTheLatencyFloorApplied() throws IOException {
        String text = SampleReport.terminal(dir);

        assertThat(text)
                .contains("== recommendations ==  INCONCLUSIVE")
                .contains("Not compared 4,807 of 6,007 sampled candidate runs (80.023%): 6 timed out, 4,801 skipped")
                .contains("skipped because: CAP 3,600, RUNAWAYS 1,201")
                .contains("Runaways     1 running now, 3 in the window")
                .contains("Start delay  p50 50.0 us, p99 400.0 us from sampling to the candidate's start")
                .contains("[ok]   p99 latency ratio 3.00x (600 us vs 200 us)")
                .contains("[??]   skipped share 79.9% (needs at most 50.0% of sampled candidate runs): mostly")
                .contains("Mostly CAP, the cap on concurrent candidates");
        assertThat(new TerminalReport(new TerminalReport.Style(true, true, 100))
                        .render(SampleReport.read(dir.resolve("again"))))
                .contains("\u001b[33mINCONCLUSIVE\u001b[0m");
    }

    @Test
    void eachGroupSaysHowToReplayItInATestInOneLineThatIsNeverCut() throws IOException {
        Path files = dir.resolve("files");
        String text = new TerminalReport(new TerminalReport.Style(false, true, 60)).render(SampleReport.read(files));

        assertThat(text)
                .contains("       replay in a test: @MismatchSource(files = \"" + files + "\", experiment = "
                        + "\"pricing-v2\", signatures = \"5c7d4a9afa1c5b0f\")\n")
                .contains("       replay in a test: @MismatchSource(files = \"" + files + "\", experiment = "
                        + "\"pricing-v2\", outcomes = Outcome.TIMED_OUT)\n")
                .contains("                    @MismatchSource(files = \"" + files + "\", experiment = \"pricing-v2\", "
                        + "signatures = \"5c7d4a9afa1c5b0f\")\n");
    }

    @Test
    void columnsAreAligned() throws IOException {
        String text = SampleReport.terminal(dir);

        assertThat(text.lines()
                        .filter(line -> line.startsWith("  ")
                                && line.length() > 15
                                && !line.startsWith("  #")
                                && !line.startsWith("   "))
                        .map(line -> line.charAt(14)))
                .as("the label column is 13 wide")
                .containsOnly(' ');
    }

    @Test
    void controlCharactersFromTheInputCannotDriveTheTerminal() {
        assertThat(TerminalLines.safe("red\u001b[31m bidi\u202e end")).isEqualTo("red\\u001b[31m bidi\\u202e end");
    }
}
