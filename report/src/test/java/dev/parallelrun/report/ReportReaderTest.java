package dev.parallelrun.report;

import static dev.parallelrun.report.JsonLinesGenerator.candidate;
import static dev.parallelrun.report.JsonLinesGenerator.result;
import static dev.parallelrun.report.JsonLinesGenerator.run;
import static dev.parallelrun.report.JsonLinesGenerator.summary;
import static dev.parallelrun.report.JsonLinesGenerator.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.parallelrun.experiment.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportReaderTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Summary read(List<String> lines) throws IOException {
        Path file = dir.resolve("lines.jsonl");
        write(file, lines);
        return ReportReader.builder().clock(CLOCK).build().read(List.of(file));
    }

    private static ExperimentSummary only(Summary summary) {
        assertThat(summary.experiments()).hasSize(1);
        return summary.experiments().get(0);
    }

    @Test
    void totalsAddTheLastSummaryOfEachJvm() throws IOException {
        Summary summary = read(List.of(
                summary("pricing", "jvm-a", "2026-11-25T10:00:00Z")
                        .sampled(100)
                        .outcome(Outcome.MATCH, 98)
                        .outcome(Outcome.MISMATCH, 2)
                        .line(),
                summary("pricing", "jvm-b", "2026-11-25T10:00:30Z")
                        .sampled(50)
                        .outcome(Outcome.MATCH, 50)
                        .line(),
                summary("pricing", "jvm-a", "2026-11-25T10:01:00Z")
                        .sampled(1000)
                        .outcome(Outcome.MATCH, 990)
                        .outcome(Outcome.MISMATCH, 5)
                        .outcome(Outcome.TIMED_OUT, 5)
                        .errors(5)
                        .dropped(3)
                        .line(),
                summary("pricing", "jvm-b", "2026-11-25T10:01:30Z")
                        .sampled(500)
                        .outcome(Outcome.MATCH, 499)
                        .outcome(Outcome.COMPARISON_FAILED, 1)
                        .line()));

        Totals totals = only(summary).totals();
        assertThat(totals).isNotNull();
        assertThat(totals.sampled()).isEqualTo(1500);
        assertThat(totals.dropped()).isEqualTo(3);
        assertThat(totals.all().count(Outcome.MATCH)).isEqualTo(1489);
        assertThat(totals.all().count(Outcome.MISMATCH)).isEqualTo(5);
        assertThat(totals.all().count(Outcome.TIMED_OUT)).isEqualTo(5);
        assertThat(totals.all().compared()).isEqualTo(1495);
        assertThat(totals.all().mismatchRate()).isEqualTo(6.0 / 1495);
        assertThat(totals.all().errorRate()).isEqualTo(5.0 / 1500);
        assertThat(only(summary).jvms()).isEqualTo(2);
        assertThat(summary.read().summaryLines()).isEqualTo(4);
    }

    @Test
    void readinessIsTheEnginesVerdictOverTheTotals() throws IOException {
        long[] control = {2000, 1_000_000, 2_000_000, 4_000_000, 9_000_000};
        long[] candidate = {2000, 1_500_000, 3_000_000, 12_000_000, 20_000_000};
        Summary summary = read(List.of(summary("pricing", "jvm-a", "2026-11-25T10:00:00Z")
                .sampled(2000)
                .outcome(Outcome.MATCH, 1990)
                .outcome(Outcome.MISMATCH, 10)
                .latency(control, candidate)
                .line()));

        ExperimentSummary experiment = only(summary);
        assertThat(experiment.readiness().checks())
                .extracting(Verdict.Check::criterion, Verdict.Check::actual, Verdict.Check::passed)
                .containsExactly(
                        tuple("samples", "2000", true),
                        tuple("mismatch rate", "0.500%", false),
                        tuple("candidate error rate", "0.000%", true),
                        tuple("p99 latency ratio", "3.00x (12.0 ms vs 4.00 ms)", false),
                        tuple("skipped share", "0.000%", true));
        assertThat(experiment.readiness().status()).isEqualTo(Verdict.Status.NOT_READY);
        assertThat(experiment.readiness().fromSummaryLine()).isFalse();
        assertThat(experiment.badge()).isEqualTo("NOT READY");
        assertThat(experiment.totals().p99Ratio()).isEqualTo(3.0);
        assertThat(experiment.totals().p50Ratio()).isEqualTo(1.5);
    }

    @Test
    void criteriaComeFromTheLatestSummary() throws IOException {
        Criteria lenient = new Criteria(10, 0.5, 0.5, 10, 0, Criteria.DEFAULT_MAX_SKIPPED_SHARE);
        Summary summary = read(List.of(
                summary("pricing", "jvm-a", "2026-11-25T10:00:00Z")
                        .sampled(20)
                        .outcome(Outcome.MATCH, 18)
                        .outcome(Outcome.MISMATCH, 2)
                        .line(),
                summary("pricing", "jvm-a", "2026-11-25T11:00:00Z")
                        .sampled(40)
                        .outcome(Outcome.MATCH, 36)
                        .outcome(Outcome.MISMATCH, 4)
                        .criteria(lenient)
                        .line()));

        ExperimentSummary experiment = only(summary);
        assertThat(experiment.criteria()).isEqualTo(lenient);
        assertThat(experiment.readiness().failing())
                .extracting(Verdict.Check::criterion)
                .containsExactly("p99 latency ratio"); // no latency in these lines: unknown ratio fails
    }

    @Test
    void latencyOfSeveralJvmsIsACountWeightedMeanMarkedApproximate() throws IOException {
        Summary summary = read(List.of(
                summary("pricing", "jvm-a", "2026-11-25T10:00:00Z")
                        .sampled(300)
                        .outcome(Outcome.MATCH, 300)
                        .latency(new long[] {300, 1000, 2000, 3000, 5000}, new long[] {300, 1000, 2000, 3000, 5000})
                        .line(),
                summary("pricing", "jvm-b", "2026-11-25T10:00:00Z")
                        .sampled(100)
                        .outcome(Outcome.MATCH, 100)
                        .latency(new long[] {100, 5000, 6000, 7000, 9000}, new long[] {100, 1000, 2000, 3000, 4000})
                        .line()));

        Totals totals = only(summary).totals();
        assertThat(totals.control().count()).isEqualTo(400);
        assertThat(totals.control().p50()).isEqualTo(Duration.ofNanos(2000)); // (300*1000 + 100*5000) / 400
        assertThat(totals.control().max()).isEqualTo(Duration.ofNanos(9000));
        assertThat(totals.latencyApproximate()).isTrue();
        assertThat(only(summary).notes()).anyMatch(note -> note.contains("approximation"));
    }

    @Test
    void trendHoldsTheDifferencesBetweenConsecutiveSummariesByHour() throws IOException {
        Summary summary = read(List.of(
                summary("pricing", "jvm-a", "2026-11-25T10:10:00Z")
                        .sampled(100)
                        .outcome(Outcome.MATCH, 100)
                        .line(),
                summary("pricing", "jvm-a", "2026-11-25T11:10:00Z")
                        .sampled(300)
                        .outcome(Outcome.MATCH, 290)
                        .outcome(Outcome.MISMATCH, 10)
                        .line(),
                summary("pricing", "jvm-a", "2026-11-25T13:10:00Z")
                        .sampled(400)
                        .outcome(Outcome.MATCH, 390)
                        .outcome(Outcome.MISMATCH, 10)
                        .line()));

        Trend trend = only(summary).trend();
        assertThat(trend.bucket()).isEqualTo(Duration.ofHours(1));
        assertThat(trend.hasRates()).isTrue();
        assertThat(trend.points())
                .extracting(Trend.Point::start)
                .containsExactly(
                        Instant.parse("2026-11-25T10:00:00Z"), Instant.parse("2026-11-25T11:00:00Z"),
                        Instant.parse("2026-11-25T12:00:00Z"), Instant.parse("2026-11-25T13:00:00Z"));
        assertThat(trend.points()).extracting(Trend.Point::compared).containsExactly(100L, 200L, 0L, 100L);
        assertThat(trend.points()).extracting(Trend.Point::mismatches).containsExactly(0L, 10L, 0L, 0L);
        assertThat(trend.points().get(1).rate()).isEqualTo(0.05);
        assertThat(trend.points().get(2).rate()).isNaN();
    }

    @Test
    void trendIsByDayWhenTheDataSpansMoreThanThreeDays() throws IOException {
        Summary summary = read(List.of(
                summary("pricing", "jvm-a", "2026-11-20T10:00:00Z")
                        .sampled(10)
                        .outcome(Outcome.MATCH, 10)
                        .line(),
                summary("pricing", "jvm-a", "2026-11-25T10:00:00Z")
                        .sampled(30)
                        .outcome(Outcome.MATCH, 30)
                        .line()));

        Trend trend = only(summary).trend();
        assertThat(trend.bucket()).isEqualTo(Duration.ofDays(1));
        assertThat(trend.points()).hasSize(6);
        assertThat(trend.points().get(0).start()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(trend.points().get(5).compared()).isEqualTo(20);
    }

    @Test
    void anOlderSummaryOfTheSameJvmIsSkippedAsOutOfOrder() throws IOException {
        Summary summary = read(List.of(
                summary("pricing", "jvm-a", "2026-11-25T11:00:00Z")
                        .sampled(200)
                        .outcome(Outcome.MATCH, 200)
                        .line(),
                summary("pricing", "jvm-a", "2026-11-25T10:00:00Z")
                        .sampled(100)
                        .outcome(Outcome.MATCH, 100)
                        .line()));

        assertThat(only(summary).totals().sampled()).isEqualTo(200);
        assertThat(summary.read().outOfOrderSummaries()).isEqualTo(1);
    }

    @Test
    void sinceAndUntilLimitTheTotalsToTheWindow() throws IOException {
        Path file = dir.resolve("window.jsonl");
        write(
                file,
                List.of(
                        summary("pricing", "jvm-a", "2026-11-24T23:00:00Z")
                                .sampled(100)
                                .outcome(Outcome.MATCH, 100)
                                .line(),
                        result("pricing", "2026-11-24T23:30:00Z")
                                .mismatch("aaaaaaaaaaaaaaaa", "/a")
                                .line(),
                        summary("pricing", "jvm-a", "2026-11-25T01:00:00Z")
                                .sampled(150)
                                .outcome(Outcome.MATCH, 149)
                                .outcome(Outcome.MISMATCH, 1)
                                .line(),
                        result("pricing", "2026-11-25T00:30:00Z")
                                .mismatch("bbbbbbbbbbbbbbbb", "/b")
                                .line(),
                        summary("pricing", "jvm-a", "2026-11-26T01:00:00Z")
                                .sampled(400)
                                .outcome(Outcome.MATCH, 399)
                                .outcome(Outcome.MISMATCH, 1)
                                .line(),
                        result("pricing", "2026-11-26T00:30:00Z")
                                .mismatch("cccccccccccccccc", "/c")
                                .line()));
        ReadFilter window =
                new ReadFilter(Set.of(), Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-26T00:00:00Z"));

        Summary summary =
                ReportReader.builder().clock(CLOCK).filter(window).build().read(List.of(file));

        ExperimentSummary experiment = only(summary);
        assertThat(experiment.totals().sampled()).isEqualTo(50); // 150 - the baseline of 100
        assertThat(experiment.totals().all().count(Outcome.MISMATCH)).isEqualTo(1);
        assertThat(experiment.groups()).extracting(SignatureGroup::signature).containsExactly("bbbbbbbbbbbbbbbb");
        assertThat(summary.read().filteredOut()).isEqualTo(4);
        assertThat(experiment.notes()).anyMatch(note -> note.contains("not limited to the time window"));
    }

    @Test
    void theExperimentFilterKeepsOnlyTheNamedExperiments() throws IOException {
        Path file = dir.resolve("two.jsonl");
        write(
                file,
                List.of(
                        result("pricing", "2026-11-25T10:00:00Z")
                                .mismatch("aaaaaaaaaaaaaaaa", "/a")
                                .line(),
                        result("search", "2026-11-25T10:00:00Z")
                                .mismatch("bbbbbbbbbbbbbbbb", "/b")
                                .line()));

        Summary summary = ReportReader.builder()
                .filter(new ReadFilter(Set.of("search"), null, null))
                .build()
                .read(List.of(file));

        assertThat(summary.experiments())
                .extracting(ExperimentSummary::experiment)
                .containsExactly("search");
        assertThat(summary.read().filteredOut()).isEqualTo(1);
    }

    @Test
    void mismatchesAreGroupedBySignatureWithCountShareAndFirstAndLastSeen() throws IOException {
        List<String> lines = new ArrayList<>();
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        for (int i = 0; i < 6; i++) {
            lines.add(result("pricing", start.plusSeconds(i))
                    .mismatch("aaaaaaaaaaaaaaaa", "/total")
                    .line());
        }
        lines.add(result("pricing", start.plusSeconds(100))
                .mismatch("bbbbbbbbbbbbbbbb", "/lines/3/sku", "/lines/4/sku")
                .line());
        lines.add(result("pricing", start.plusSeconds(50))
                .mismatch("bbbbbbbbbbbbbbbb", "/lines/0/sku")
                .line());
        lines.add(result("pricing", start.plusSeconds(7))
                .candidate(candidate("candidate", Outcome.TIMED_OUT)
                        .run(run(250_000_000).timedOut())
                        .note("interrupted after 250 ms"))
                .line());
        lines.add(result("pricing", start.plusSeconds(8))
                .candidate(candidate("candidate", Outcome.IGNORED).run(run(1)).note("1 differences at ignored paths"))
                .line());

        ExperimentSummary experiment = only(read(lines));

        assertThat(experiment.groups())
                .extracting(SignatureGroup::title)
                .containsExactly("MISMATCH aaaaaaaaaaaaaaaa", "MISMATCH bbbbbbbbbbbbbbbb", "TIMED_OUT");
        SignatureGroup second = experiment.groups().get(1);
        assertThat(second.count()).isEqualTo(2);
        assertThat(second.share()).isEqualTo(2.0 / 9);
        assertThat(second.firstSeen()).isEqualTo(start.plusSeconds(50));
        assertThat(second.lastSeen()).isEqualTo(start.plusSeconds(100));
        assertThat(second.paths()).containsExactly("replace /lines/*/sku");
        assertThat(experiment.resultOutcomes())
                .containsEntry(Outcome.MISMATCH, 8L)
                .containsEntry(Outcome.IGNORED, 1L)
                .containsEntry(Outcome.TIMED_OUT, 1L);
        assertThat(experiment.groupedResults()).isEqualTo(9);
    }

    @Test
    void linesOfSchema1And2AreReadAlike() throws IOException {
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        List<String> lines = List.of(
                result("pricing", start)
                        .schema(1)
                        .key("c-1")
                        .mismatch("aaaaaaaaaaaaaaaa", "/total")
                        .line(),
                result("pricing", start.plusSeconds(1))
                        .key("c-2")
                        .input("{\"id\":\"A-2\",\"email\":\"[REDACTED]\"}")
                        .mismatch("aaaaaaaaaaaaaaaa", "/total")
                        .line(),
                summary("pricing", "4711-9f2c1a7e", start.plusSeconds(2))
                        .schema(1)
                        .sampled(10)
                        .outcome(Outcome.MATCH, 9)
                        .outcome(Outcome.MISMATCH, 1)
                        .line(),
                summary("pricing", "4711-9f2c1a7e", start.plusSeconds(3))
                        .sampled(20)
                        .outcome(Outcome.MATCH, 18)
                        .outcome(Outcome.MISMATCH, 2)
                        .line());

        Summary summary = read(lines);

        assertThat(summary.read().badLines()).isZero();
        assertThat(summary.read().resultLines()).isEqualTo(2);
        assertThat(summary.read().summaryLines()).isEqualTo(2);
        ExperimentSummary experiment = only(summary);
        assertThat(experiment.groups()).singleElement().satisfies(group -> {
            assertThat(group.count()).isEqualTo(2);
            assertThat(group.examples()).extracting(Example::key).containsExactly("c-1", "c-2");
        });
        assertThat(experiment.totals().sampled()).isEqualTo(20);
    }

    @Test
    void eachGroupComesWithTheLineThatReplaysItFromTheFilesAsTheyWereNamed() throws IOException {
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        Path first = dir.resolve("web-1");
        Path second = dir.resolve("web-2/pricing.jsonl");
        write(
                first.resolve("a.jsonl"),
                List.of(
                        result("pricing-v2", start)
                                .mismatch("5c7d4a9afa1c5b0f", "/total")
                                .line(),
                        result("pricing-v2", start.plusSeconds(1))
                                .mismatch("5c7d4a9afa1c5b0f", "/total")
                                .line(),
                        result("pricing-v2", start.plusSeconds(2))
                                .candidate(candidate("candidate", Outcome.TIMED_OUT)
                                        .run(run(250_000_000).timedOut()))
                                .line()));
        write(
                second,
                List.of(result("pricing-v2", start.plusSeconds(3))
                        .candidate(candidate("candidate", Outcome.COMPARISON_FAILED)
                                .run(run(5).value("1")))
                        .line()));

        Summary one = ReportReader.builder().clock(CLOCK).build().read(List.of(first));
        Summary both = ReportReader.builder().clock(CLOCK).build().read(List.of(first, second));

        assertThat(one.inputs()).containsExactly(first.toString());
        assertThat(only(one).groups())
                .extracting(SignatureGroup::replay)
                .containsExactly(
                        "@MismatchSource(files = \"" + first
                                + "\", experiment = \"pricing-v2\", signatures = \"5c7d4a9afa1c5b0f\")",
                        "@MismatchSource(files = \"" + first
                                + "\", experiment = \"pricing-v2\", outcomes = Outcome.TIMED_OUT)");
        assertThat(both.inputs()).containsExactly(first.toString(), second.toString());
        assertThat(only(both).groups())
                .extracting(SignatureGroup::replay)
                .contains("@MismatchSource(files = {\"" + first + "\", \"" + second
                        + "\"}, experiment = \"pricing-v2\"," + " outcomes = Outcome.COMPARISON_FAILED)");
    }

    @Test
    void theReplayLineIsJavaSourceWhateverTheNames() {
        assertThat(ReplayLine.of(
                        List.of("C:\\logs\\parallel run"),
                        "pricing \"v2\"\n\u202e",
                        Outcome.MISMATCH,
                        "5c7d4a9afa1c5b0f"))
                .isEqualTo("@MismatchSource(files = \"C:\\\\logs\\\\parallel run\", "
                        + "experiment = \"pricing \\\"v2\\\"\\n\\u202e\", signatures = \"5c7d4a9afa1c5b0f\")");
        assertThat(ReplayLine.of(List.of("mismatches"), "pricing", Outcome.MISMATCH, ""))
                .as("a mismatch without a signature: every mismatch of the experiment")
                .isEqualTo("@MismatchSource(files = \"mismatches\", experiment = \"pricing\")");
    }

    @Test
    void eachGroupKeepsOnlyTheFirstAndTheLastExamples() throws IOException {
        List<String> lines = new ArrayList<>();
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        for (int i : new int[] {5, 0, 9, 3, 8, 1, 7, 2, 6, 4}) {
            lines.add(result("pricing", start.plusSeconds(i))
                    .key("customer-" + i)
                    .mismatch("aaaaaaaaaaaaaaaa", "/a")
                    .line());
        }

        SignatureGroup group = only(read(lines)).groups().get(0);

        assertThat(group.count()).isEqualTo(10);
        assertThat(group.examples())
                .extracting(Example::key)
                .containsExactly("customer-0", "customer-1", "customer-8", "customer-9");
    }

    @Test
    void anExampleHoldsBothSidesTheDifferencesAndWhereItCameFrom() throws IOException {
        String line = result("pricing", "2026-11-25T10:15:30.123Z")
                .host("web-3")
                .jvm("4711-9f2c1a7e")
                .key("customer-42")
                .context("order", "A-17")
                .trace("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7")
                .control(run(41_000).value("{\"total\":10.0,\"id\":1.10}"))
                .candidate(candidate("engine-v2", Outcome.MISMATCH)
                        .run(run(52_000).value("{\"total\":10.5}"))
                        .signature("5c7d4a9afa1c5b0f")
                        .difference("replace", "/total", "10.5", "10.0")
                        .difference("remove", "/id", null, "1.10"))
                .line();

        Example example = only(read(List.of(line))).groups().get(0).examples().get(0);

        assertThat(example.key()).isEqualTo("customer-42");
        assertThat(example.context()).containsEntry("order", "A-17");
        assertThat(example.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(example.candidate()).isEqualTo("engine-v2");
        assertThat(example.control().value()).isEqualTo("{\"total\":10.0,\"id\":1.10}");
        assertThat(example.candidateRun().value()).isEqualTo("{\"total\":10.5}");
        assertThat(example.candidateRun().durationNanos()).isEqualTo(52_000);
        assertThat(example.differences())
                .extracting(Object::toString)
                .containsExactly("replace /total 10.0 -> 10.5", "remove /id (was 1.10)");
        assertThat(example.file().getFileName().toString()).isEqualTo("lines.jsonl");
        assertThat(example.line()).isEqualTo(1);
    }

    @Test
    void exampleValuesLongerThanTheBoundAreCutAndStayJson() throws IOException {
        String big = "{\"text\":\"" + "x".repeat(5_000) + "\"}";
        String line = result("pricing", "2026-11-25T10:00:00Z")
                .control(run(1).value(big))
                .candidate(candidate("candidate", Outcome.MISMATCH)
                        .run(run(1).value("{}"))
                        .signature("aaaaaaaaaaaaaaaa")
                        .difference("remove", "/text", null, "\"" + "x".repeat(5_000) + "\""))
                .line();

        Example example = only(read(List.of(line))).groups().get(0).examples().get(0);

        assertThat(example.control().cut()).isTrue();
        assertThat(example.control().fullLength()).isEqualTo(big.length());
        assertThat(JsonLinesGenerator.json(example.control().value()).textValue())
                .endsWith(Example.CUT)
                .hasSizeLessThan(2_100);
        assertThat(JsonLinesGenerator.json(example.differences().get(0).previous())
                        .isTextual())
                .isTrue();
    }

    @Test
    void aNoisyPathDiffersOnNearlyEveryComparedCallAndComesWithTheLineToPaste() throws IOException {
        List<String> lines = new ArrayList<>();
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        for (int i = 0; i < 19; i++) {
            lines.add(result("pricing", start.plusSeconds(i))
                    .mismatch(
                            i < 2 ? "bbbbbbbbbbbbbbbb" : "aaaaaaaaaaaaaaaa",
                            "/quotedAt",
                            "/lines/" + i + "/stamp",
                            i < 2 ? "/total" : "/quotedAt")
                    .line());
        }
        lines.add(summary("pricing", "jvm-a", start.plusSeconds(60))
                .sampled(20)
                .outcome(Outcome.MATCH, 1)
                .outcome(Outcome.MISMATCH, 19)
                .line());

        ExperimentSummary experiment = only(read(lines));

        assertThat(experiment.noisyPaths()).extracting(NoisyPath::path).containsExactly("/lines/*/stamp", "/quotedAt");
        NoisyPath quotedAt = experiment.noisyPaths().get(1);
        assertThat(quotedAt.differing()).isEqualTo(19);
        assertThat(quotedAt.compared()).isEqualTo(20);
        assertThat(quotedAt.share()).isEqualTo(0.95);
        assertThat(quotedAt.suggestion()).isEqualTo(".ignorePaths(\"/quotedAt\")");
        assertThat(experiment.noisyPaths().get(0).suggestion()).isEqualTo(".ignorePaths(\"/lines/*/stamp\")");
    }

    @Test
    void aPathThatDiffersOnFewCallsIsNotNoisy() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            lines.add(result("pricing", Instant.parse("2026-11-25T10:00:00Z").plusSeconds(i))
                    .mismatch("aaaaaaaaaaaaaaaa", "/total")
                    .line());
        }
        lines.add(summary("pricing", "jvm-a", "2026-11-25T10:01:00Z")
                .sampled(100)
                .outcome(Outcome.MATCH, 88)
                .outcome(Outcome.MISMATCH, 12)
                .line());

        assertThat(only(read(lines)).noisyPaths()).isEmpty();
    }

    @Test
    void withoutSummaryLinesTheNotesSayWhatCannotBeComputed() throws IOException {
        ExperimentSummary experiment = only(read(List.of(result("pricing", "2026-11-25T10:00:00Z")
                .mismatch("aaaaaaaaaaaaaaaa", "/total")
                .line())));

        assertThat(experiment.totals()).isNull();
        assertThat(experiment.readiness()).isNull();
        assertThat(experiment.badge()).isEqualTo("UNKNOWN");
        assertThat(experiment.trend().hasRates()).isFalse();
        assertThat(experiment.trend().points())
                .extracting(Trend.Point::mismatchResults)
                .containsExactly(1L);
        assertThat(experiment.notes())
                .singleElement()
                .asString()
                .contains("No summary lines")
                .contains("rates, latency, readiness and noisy paths cannot be computed");
    }

    @Test
    void jvmsWithResultsButNoSummariesAreSaidToBeMissingFromTheTotals() throws IOException {
        ExperimentSummary experiment = only(read(List.of(
                summary("pricing", "jvm-a", "2026-11-25T10:00:00Z")
                        .sampled(10)
                        .outcome(Outcome.MATCH, 10)
                        .line(),
                result("pricing", "2026-11-25T10:00:00Z")
                        .jvm("jvm-b")
                        .mismatch("aaaaaaaaaaaaaaaa", "/total")
                        .line())));

        assertThat(experiment.jvms()).isEqualTo(2);
        assertThat(experiment.notes()).anyMatch(note -> note.startsWith("1 JVM wrote result lines but no summary"));
    }

    @Test
    void anExperimentPastItsExpiryDateIsFlagged() throws IOException {
        ExperimentSummary expired = only(read(List.of(summary("pricing", "jvm-a", "2026-11-25T10:00:00Z")
                .sampled(1)
                .outcome(Outcome.MATCH, 1)
                .expiresOn("2026-11-01", false)
                .line())));

        assertThat(expired.expiry().expiresOn()).isEqualTo(LocalDate.parse("2026-11-01"));
        assertThat(expired.expiry().expired()).isTrue();
        assertThat(expired.expiry().daysLeft(LocalDate.parse("2026-11-26"))).isEqualTo(-25);
    }

    @Test
    void anExperimentBeforeItsExpiryDateIsNotFlagged() throws IOException {
        ExperimentSummary live = only(read(List.of(result("pricing", "2026-11-25T10:00:00Z")
                .expiresOn("2027-03-01", false)
                .mismatch("aaaaaaaaaaaaaaaa", "/a")
                .line())));

        assertThat(live.expiry().expired()).isFalse();
        assertThat(live.expiry().expiresOn()).isEqualTo(LocalDate.parse("2027-03-01"));
    }

    @Test
    void badLinesAreCountedAndSkippedWithTheirFileAndLineNumber() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        String good = result("pricing", "2026-11-25T10:00:00Z")
                .mismatch("aaaaaaaaaaaaaaaa", "/a")
                .line();
        Files.writeString(
                file,
                good + "\n"
                        + "{\"schema\":1,\"type\":\"result\",oops}\n"
                        + "{\"schema\":3,\"type\":\"result\",\"time\":\"2026-11-25T10:00:00Z\",\"experiment\":\"pricing\"}\n"
                        + "{\"schema\":1,\"type\":\"result\",\"experiment\":\"pricing\"}\n"
                        + "\n"
                        + "{\"schema\":1,\"type\":\"heartbeat\",\"time\":\"2026-11-25T10:00:00Z\",\"experiment\":\"pricing\"}\n"
                        + "[1,2]\n"
                        + good + "\n"
                        + "{\"schema\":1,\"type\":\"res",
                StandardCharsets.UTF_8);
        List<ReadProblem> heard = new ArrayList<>();

        Summary summary = ReportReader.builder()
                .listener(new ReadListener() {
                    @Override
                    public void problem(ReadProblem problem) {
                        heard.add(problem);
                    }
                })
                .build()
                .read(List.of(file));

        assertThat(summary.read().badLines()).isEqualTo(5);
        assertThat(summary.read().unknownTypeLines()).isEqualTo(1);
        assertThat(summary.read().lines()).isEqualTo(9);
        assertThat(only(summary).resultLines()).isEqualTo(2);
        assertThat(summary.read().problems()).isEqualTo(heard);
        assertThat(heard).extracting(ReadProblem::line).containsExactly(2L, 3L, 4L, 7L, 9L);
        assertThat(heard.get(0).toString()).startsWith(file + ":2: not JSON: ");
        assertThat(heard.get(1).message())
                .startsWith("unknown schema version 3")
                .contains("this reader knows schemas 1 and 2");
        assertThat(heard.get(2).message()).isEqualTo("no \"time\" field");
        assertThat(heard.get(3).message()).isEqualTo("not a JSON object");
        assertThat(heard.get(4).message()).contains("has no line end");
    }

    @Test
    void strictModeStopsAtTheFirstBadLine() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        write(
                file,
                List.of(
                        result("pricing", "2026-11-25T10:00:00Z")
                                .mismatch("aaaaaaaaaaaaaaaa", "/a")
                                .line(),
                        "not json at all"));

        assertThatThrownBy(() -> ReportReader.builder().strict(true).build().read(List.of(file)))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ":2: not JSON")
                .satisfies(e ->
                        assertThat(((BadInputException) e).problem().line()).isEqualTo(2));
    }

    @Test
    void aMissingInputIsReportedBeforeAnythingIsRead() {
        Path missing = dir.resolve("nope.jsonl");

        assertThatThrownBy(() -> ReportReader.builder().build().read(List.of(dir, missing)))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nope.jsonl");
    }

    @Test
    void directoriesAreReadRecursivelyForJsonlFilesOnly() throws IOException {
        write(
                dir.resolve("a/one.jsonl"),
                List.of(result("pricing", "2026-11-25T10:00:00Z")
                        .mismatch("aaaaaaaaaaaaaaaa", "/a")
                        .line()));
        write(
                dir.resolve("a/b/two.jsonl"),
                List.of(result("pricing", "2026-11-25T10:00:00Z")
                        .mismatch("aaaaaaaaaaaaaaaa", "/a")
                        .line()));
        write(dir.resolve("a/notes.txt"), List.of("not a report"));

        Summary summary = ReportReader.builder().build().read(List.of(dir.resolve("a")));

        assertThat(summary.read().files()).isEqualTo(2);
        assertThat(summary.read().badLines()).isZero();
        assertThat(only(summary).groups().get(0).count()).isEqualTo(2);
    }

    @Test
    void aLineLongerThanTheBoundIsABadLineAndIsNotKept() throws IOException {
        Path file = dir.resolve("long.jsonl");
        String good = result("pricing", "2026-11-25T10:00:00Z")
                .mismatch("aaaaaaaaaaaaaaaa", "/a")
                .line();
        write(file, List.of("\"" + "x".repeat(10_000) + "\"", good));
        ReadLimits small = new ReadLimits(10, 10, 10, 10, 2, 10, 100, 10, 10, 4_096);

        Summary summary = ReportReader.builder().limits(small).build().read(List.of(file));

        assertThat(summary.read().problems())
                .singleElement()
                .asString()
                .contains(":1: line of 10002 bytes is longer than the bound of 4096 bytes");
        assertThat(only(summary).resultLines()).isEqualTo(1);
    }

    @Test
    void signaturesPastTheBoundAreCountedNotGrouped() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            lines.add(result("pricing", "2026-11-25T10:00:00Z")
                    .mismatch(String.format("%016x", i), "/p" + i)
                    .line());
        }
        Path file = dir.resolve("many.jsonl");
        write(file, lines);
        ReadLimits small = new ReadLimits(10, 3, 100, 10, 2, 10, 100, 10, 10, 4_096);

        Summary summary = ReportReader.builder().limits(small).build().read(List.of(file));

        ExperimentSummary experiment = only(summary);
        assertThat(experiment.groups()).hasSize(3);
        assertThat(experiment.untrackedGroupResults()).isEqualTo(2);
        assertThat(experiment.groupedResults()).isEqualTo(5);
        assertThat(experiment.notes()).anyMatch(note -> note.contains("counted, not grouped"));
        assertThat(summary.read().limitsReached()).anyMatch(limit -> limit.contains("3 signature groups"));
    }

    @Test
    void groupsPastTheFirstTwoHundredKeepOnlyTheirLatestExample() throws IOException {
        List<String> lines = new ArrayList<>();
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        for (int group = 0; group < SignatureGroups.FULL_EXAMPLE_GROUPS + 1; group++) {
            for (int i = 0; i < 5; i++) {
                lines.add(result("pricing", start.plusSeconds(i))
                        .key("k" + i)
                        .mismatch(String.format("%016x", group), "/p" + group)
                        .line());
            }
        }

        ExperimentSummary experiment = only(read(lines));

        assertThat(experiment.groups()).hasSize(SignatureGroups.FULL_EXAMPLE_GROUPS + 1);
        SignatureGroup last = experiment.groups().stream()
                .filter(g -> g.signature().equals(String.format("%016x", SignatureGroups.FULL_EXAMPLE_GROUPS)))
                .findFirst()
                .orElseThrow();
        assertThat(last.examples()).extracting(Example::key).containsExactly("k4");
        assertThat(experiment.groups().get(0).examples()).hasSize(4);
    }

    @Test
    void linesWithCarriageReturnsAndUnicodeAreRead() throws IOException {
        Path file = dir.resolve("crlf.jsonl");
        String line = result("prix-€", "2026-11-25T10:00:00Z")
                .key("клиент-7")
                .context("città", "Zürich")
                .mismatch("00ff00ff00ff00ff", "/名前")
                .line();
        Files.writeString(file, line + "\r\n" + line + "\r\n", StandardCharsets.UTF_8);

        Summary summary = ReportReader.builder().build().read(List.of(file));

        assertThat(summary.read().badLines()).isZero();
        ExperimentSummary experiment = only(summary);
        assertThat(experiment.experiment()).isEqualTo("prix-€");
        assertThat(experiment.groups().get(0).paths()).containsExactly("replace /名前");
        assertThat(experiment.groups().get(0).examples().get(0).context()).containsEntry("città", "Zürich");
    }
}
