package dev.parallelrun.report;

import static dev.parallelrun.report.JsonLinesGenerator.FAST;
import static dev.parallelrun.report.JsonLinesGenerator.THREE_TIMES_SLOWER;
import static dev.parallelrun.report.JsonLinesGenerator.candidate;
import static dev.parallelrun.report.JsonLinesGenerator.readExperiment;
import static dev.parallelrun.report.JsonLinesGenerator.result;
import static dev.parallelrun.report.JsonLinesGenerator.run;
import static dev.parallelrun.report.JsonLinesGenerator.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.experiment.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failing or inconclusive check, and an expired experiment, comes with what to do next. */
class NextStepsTest {

    @TempDir
    Path dir;

    private ExperimentSummary read(List<String> lines) throws IOException {
        return readExperiment(dir, lines, ReadFilter.all());
    }

    private static JsonLinesGenerator.SummaryLine healthy(String time) {
        return summary("pricing", "1-a", time)
                .sampled(2_000)
                .outcome(Outcome.MATCH, 2_000)
                .latency(FAST, FAST);
    }

    private static List<NextStep.Topic> topics(ExperimentSummary experiment) {
        return experiment.nextSteps().stream().map(NextStep::topic).toList();
    }

    @Test
    void aReadyExperimentHasNothingToDo() throws IOException {
        ExperimentSummary experiment =
                read(List.of(healthy("2026-11-25T10:00:00Z").line()));

        assertThat(experiment.badge()).isEqualTo("READY");
        assertThat(experiment.nextSteps()).isEmpty();
    }

    @Test
    void mismatchesLeadToTheTopGroupWithItsExampleAfterTheNoisyPathsToIgnore() throws IOException {
        List<String> lines = new ArrayList<>();
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        for (int i = 0; i < 12; i++) {
            lines.add(result("pricing", start.plusSeconds(i))
                    .key("customer-" + i)
                    .mismatch("aaaaaaaaaaaaaaaa", "/quotedAt", "/total")
                    .line());
        }
        lines.add(result("pricing", start.plusSeconds(20))
                .mismatch("bbbbbbbbbbbbbbbb", "/quotedAt")
                .line());
        lines.add(summary("pricing", "1-a", "2026-11-25T10:01:00Z")
                .sampled(13)
                .outcome(Outcome.MISMATCH, 13)
                .latency(FAST, FAST)
                .line());

        ExperimentSummary experiment = read(lines);

        assertThat(topics(experiment))
                .containsExactly(
                        NextStep.Topic.NOISY_PATH,
                        NextStep.Topic.NOISY_PATH,
                        NextStep.Topic.MISMATCHES,
                        NextStep.Topic.SAMPLES);
        NextStep noisy = experiment.nextSteps().get(0);
        assertThat(noisy.text()).startsWith("/quotedAt differs on 100.0% of compared calls");
        assertThat(noisy.code()).isEqualTo(".ignorePaths(\"/quotedAt\")");
        assertThat(experiment.nextSteps().get(1).code()).isEqualTo(".ignorePaths(\"/total\")");
        NextStep top = experiment.nextSteps().get(2);
        assertThat(top.group()).isSameAs(experiment.groups().get(0));
        assertThat(top.text())
                .isEqualTo("Look at the top group, #1 \"Different at replace /quotedAt, replace /total\" "
                        + "(12 calls, 92.3% of non-matching calls): its latest example, 2026-11-25 10:00:11 UTC, key "
                        + "customer-11, shows both sides. Fix the new code, or ignore the difference if it is acceptable; to "
                        + "replay its calls in a test, put this line on a parameterized test:");
        assertThat(top.code())
                .isEqualTo(top.group().replay())
                .startsWith("@MismatchSource(files = ")
                .endsWith(", experiment = \"pricing\", signatures = \"aaaaaaaaaaaaaaaa\")");
    }

    @Test
    void mismatchesWithoutResultLinesSayWhereToFindThem() throws IOException {
        ExperimentSummary experiment = read(List.of(
                healthy("2026-11-25T10:00:00Z").outcome(Outcome.MISMATCH, 100).line()));

        assertThat(experiment.nextSteps()).singleElement().satisfies(step -> {
            assertThat(step.topic()).isEqualTo(NextStep.Topic.MISMATCHES);
            assertThat(step.text()).contains("no result line");
            assertThat(step.group()).isNull();
        });
    }

    @Test
    void mostlySkippedAtTheCapSaysToRaiseTheCapOrLowerTheRate() throws IOException {
        ExperimentSummary experiment = read(List.of(healthy("2026-11-25T10:00:00Z")
                .skipped("CAP", 9_000)
                .skipped("RUNAWAYS", 100)
                .runaways(1, 2)
                .line()));

        assertThat(topics(experiment)).containsExactly(NextStep.Topic.SKIPPED);
        assertThat(experiment.nextSteps().get(0).text())
                .isEqualTo("82.0% of 11,100 sampled candidate runs were "
                        + "skipped, not compared (at most 50.0% may be), so the figures do not speak for the traffic. Why: "
                        + "CAP 9,000, RUNAWAYS 100. Mostly CAP, the cap on concurrent candidates (maxConcurrentCandidates) was "
                        + "reached: raise the cap (maxConcurrentCandidates) or lower the sample rate. Then RUNAWAYS: find the "
                        + "runaway candidate: it runs past its timeout and ignores interruption, and the experiment skips "
                        + "until it ends. 1 runaway candidate is still running.");
    }

    @Test
    void mostlySkippedForARunawaySaysToFindIt() throws IOException {
        ExperimentSummary experiment = read(List.of(healthy("2026-11-25T10:00:00Z")
                .skipped("RUNAWAYS", 5_000)
                .runaways(2, 2)
                .line()));

        assertThat(experiment.nextSteps().get(0).text())
                .contains("Mostly RUNAWAYS")
                .contains("find the runaway candidate")
                .contains("2 runaway candidates are still running")
                .doesNotContain("Then");
    }

    @Test
    void mostlySkippedWithoutReasonsOffersEveryRemedy() throws IOException {
        ExperimentSummary experiment = read(List.of(
                healthy("2026-11-25T10:00:00Z").outcome(Outcome.SKIPPED, 5_000).line()));

        assertThat(experiment.nextSteps().get(0).text())
                .endsWith("The lines do not say why: raise the cap "
                        + "(maxConcurrentCandidates), lower the sample rate, or find the runaway candidate.");
    }

    @Test
    void aSlowCandidateIsComparedWithTheControlAtTheP99() throws IOException {
        ExperimentSummary experiment = read(List.of(healthy("2026-11-25T10:00:00Z")
                .latency(FAST, THREE_TIMES_SLOWER)
                .schedulingDelay(new long[] {2_000, 10_000, 20_000, 30_000, 40_000})
                .line()));

        assertThat(experiment.nextSteps()).singleElement().satisfies(step -> {
            assertThat(step.topic()).isEqualTo(NextStep.Topic.LATENCY);
            assertThat(step.text())
                    .isEqualTo("Compare the p99 of both sides: the old code's is 200.0 µs, the new "
                            + "code's 600.0 µs (3.00x; at most 2.00x may be). Profile the new code's slowest calls; waiting "
                            + "to start (p99 30.0 µs) is measured apart and is not in its latency.");
        });
    }

    @Test
    void tooFewComparedCallsSayHowManyMoreAreNeeded() throws IOException {
        ExperimentSummary experiment = read(List.of(summary("pricing", "1-a", "2026-11-25T10:00:00Z")
                .sampled(10)
                .outcome(Outcome.MATCH, 10)
                .latency(FAST, FAST)
                .line()));

        assertThat(experiment.nextSteps())
                .singleElement()
                .extracting(NextStep::text)
                .isEqualTo("Only 10 calls were "
                        + "compared; the verdict needs 1,000: let it run longer or raise the sample rate.");
    }

    @Test
    void errorsLeadToTheGroupOfTimeouts() throws IOException {
        ExperimentSummary experiment = read(List.of(
                result("pricing", "2026-11-25T10:00:00Z")
                        .key("slow-1")
                        .candidate(candidate("candidate", Outcome.TIMED_OUT)
                                .run(run(250_000_000).timedOut()))
                        .line(),
                healthy("2026-11-25T10:01:00Z")
                        .outcome(Outcome.TIMED_OUT, 100)
                        .errors(100)
                        .line()));

        assertThat(topics(experiment)).containsExactly(NextStep.Topic.ERRORS);
        assertThat(experiment.nextSteps().get(0).text())
                .startsWith("The new code threw or timed out on 4.762% of its "
                        + "2,100 runs: look at group #1 \"The new code timed out\"");
        assertThat(experiment.nextSteps().get(0).group())
                .isSameAs(experiment.groups().get(0));
        assertThat(experiment.nextSteps().get(0).code()).endsWith(", outcomes = Outcome.TIMED_OUT)");
    }

    @Test
    void anExpiredExperimentComesFirstAndSaysToRemoveTheScaffolding() throws IOException {
        ExperimentSummary experiment = read(List.of(summary("pricing", "1-a", "2026-11-25T10:00:00Z")
                .sampled(10)
                .outcome(Outcome.MATCH, 10)
                .latency(FAST, FAST)
                .expiresOn("2026-11-01", true)
                .line()));

        assertThat(topics(experiment)).containsExactly(NextStep.Topic.EXPIRED, NextStep.Topic.SAMPLES);
        assertThat(experiment.nextSteps().get(0).text())
                .startsWith("The experiment expired on 2026-11-01 (25 days " + "ago): remove its scaffolding.");
    }

    @Test
    void anExpiredExperimentWithoutSummaryLinesStillSaysSo() throws IOException {
        ExperimentSummary experiment = read(List.of(result("pricing", "2026-11-25T10:00:00Z")
                .expiresOn("2026-11-01", true)
                .mismatch("aaaaaaaaaaaaaaaa", "/a")
                .line()));

        assertThat(topics(experiment)).containsExactly(NextStep.Topic.EXPIRED);
    }
}
