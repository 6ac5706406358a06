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
        String text = new TerminalReport(TerminalReport.Style.plain()).render(SampleReport.read(dir));

        assertThat(text).doesNotContain("\u001b");
        assertThat(text.lines().filter(line -> !line.contains("script") && !line.contains("onmouseover")))
                .allSatisfy(line -> assertThat(line.chars().allMatch(c -> c < 128 || "µ".indexOf(c) >= 0))
                        .as(line).isTrue());
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

        assertThat(text).contains("== pricing-v2 ==  NOT READY")
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
    void columnsAreAligned() throws IOException {
        String text = new TerminalReport(TerminalReport.Style.plain()).render(SampleReport.read(dir));

        assertThat(text.lines().filter(line -> line.startsWith("  ") && line.length() > 15 && !line.startsWith("  #")
                && !line.startsWith("   ")).map(line -> line.charAt(14)))
                .as("the label column is 13 wide").containsOnly(' ');
    }

    @Test
    void controlCharactersFromTheInputCannotDriveTheTerminal() {
        assertThat(TerminalLines.safe("red\u001b[31m bidi\u202e end")).isEqualTo("red\\u001b[31m bidi\\u202e end");
    }
}
