package dev.parallelrun.report.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallelrun.report.SampleReportAccess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path dir;

    /** A valid result line, so that a file with bad lines still has something to report. */
    private static final String GOOD_LINE = "{\"schema\":1,\"type\":\"result\",\"time\":\"2026-11-25T10:00:00.000Z\","
            + "\"experiment\":\"pricing\",\"host\":\"web-1\",\"jvm\":\"1-a\",\"context\":{},\"expired\":false,"
            + "\"control\":{\"durationNanos\":1,\"value\":1},\"candidates\":[{\"name\":\"candidate\","
            + "\"outcome\":\"MISMATCH\",\"run\":{\"durationNanos\":1,\"value\":2},\"differences\":[],"
            + "\"differenceCount\":0,\"structural\":true}]}";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ReportCommand.run(
                args, new PrintWriter(out), new PrintWriter(err), Terminal.none(), SampleReportAccess.clock());
    }

    @Test
    void summaryPrintsTheReportAndExitsZero() {
        Path files = SampleReportAccess.write(dir.resolve("files"));

        int code = run("summary", files.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("== pricing-v2 ==  NOT READY").doesNotContain("\u001b");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void summaryAsJsonIsOneDocument() throws IOException {
        Path files = SampleReportAccess.write(dir.resolve("files"));

        int code = run("summary", "--json", "--experiment", "pricing-v2", files.toString());

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("schema").asInt()).isEqualTo(1);
        assertThat(json.get("experiments")).hasSize(1);
        JsonNode pricing = json.get("experiments").get(0);
        assertThat(pricing.get("badge").asText()).isEqualTo("NOT READY");
        assertThat(pricing.at("/readiness/failing/0").asText()).isEqualTo("mismatch rate");
        assertThat(pricing.at("/totals/outcomes/MISMATCH").asLong()).isEqualTo(55);
        assertThat(pricing.at("/groups/0/count").asLong()).isEqualTo(29);
        assertThat(pricing.at("/groups/0/examples/0/control/value/total").decimalValue())
                .isEqualByComparingTo("10.00");
        assertThat(pricing.at("/trend/bucketSeconds").asLong()).isEqualTo(3600);
    }

    @Test
    void eachGroupSaysHowToReplayItFromTheFilesAsTheyWereGivenOnTheCommandLine() throws IOException {
        // relative to the working directory, as a person would type it
        Path relative = Path.of(
                "target", "report-command-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            SampleReportAccess.write(relative.resolve("files"));
            String given = relative.resolve("files").toString();
            String replay = "@MismatchSource(files = \"" + given + "\", experiment = \"pricing-v2\", "
                    + "signatures = \"5c7d4a9afa1c5b0f\")";

            assertThat(run("summary", "--experiment", "pricing-v2", given + "/"))
                    .isZero();
            assertThat(out.toString())
                    .contains("       replay in a test: " + replay + System.lineSeparator())
                    .contains("outcomes = Outcome.TIMED_OUT)");
            out.getBuffer().setLength(0);
            assertThat(run("summary", "--json", "--experiment", "pricing-v2", given))
                    .isZero();
            JsonNode json = new ObjectMapper().readTree(out.toString());
            assertThat(json.at("/inputs/0").asText()).isEqualTo(given);
            assertThat(json.at("/experiments/0/groups/0/replay").asText()).isEqualTo(replay);
            assertThat(json.at("/experiments/0/nextSteps/0/code").asText()).isEqualTo(replay);
        } finally {
            try (var walk = Files.walk(relative)) {
                for (Path path :
                        walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    @Test
    void summaryAsJsonCarriesTheVerdictTheNextStepsAndTheRunsNotCompared() throws IOException {
        Path files = SampleReportAccess.write(dir.resolve("files"));

        int code = run("summary", "--json", "--experiment", "recommendations", files.toString());

        assertThat(code).isZero();
        JsonNode experiment = new ObjectMapper().readTree(out.toString()).at("/experiments/0");
        assertThat(experiment.at("/badge").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(experiment.at("/readiness/status").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(experiment.at("/readiness/fromSummaryLine").asBoolean(true)).isFalse();
        assertThat(experiment.at("/readiness/checks/3/note").asText()).contains("within the 1.00 ms floor");
        assertThat(experiment.at("/readiness/checks/4/kind").asText()).isEqualTo("SKIPPED_SHARE");
        assertThat(experiment.at("/criteria/latencyFloorNanos").asLong()).isEqualTo(1_000_000);
        assertThat(experiment.at("/criteria/maxSkippedShare").asDouble()).isEqualTo(0.5);
        assertThat(experiment.at("/totals/skipped/CAP").asLong()).isEqualTo(3_600);
        assertThat(experiment.at("/totals/candidateRuns").asLong()).isEqualTo(6_007);
        assertThat(experiment.at("/totals/runaways/now").asLong()).isEqualTo(1);
        assertThat(experiment.at("/totals/latency/schedulingDelay/p99Nanos").asLong())
                .isEqualTo(400_000);
        assertThat(experiment.at("/nextSteps/0/topic").asText()).isEqualTo("SKIPPED");
        assertThat(experiment.at("/groups/0/examples/0/candidateRun/started").asBoolean(true))
                .isFalse();
        assertThat(experiment.at("/trend/bucketSeconds").asLong()).isEqualTo(60);
    }

    @Test
    void htmlWritesThePageAndSaysWhere() throws IOException {
        Path files = SampleReportAccess.write(dir.resolve("files"));
        Path page = dir.resolve("out/report.html");
        Files.createDirectories(page.getParent());

        int code = run("html", files.toString(), "-o", page.toString());

        assertThat(code).isZero();
        assertThat(Files.readString(page, StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>");
        assertThat(out.toString())
                .isEqualTo("Wrote " + page.toAbsolutePath().normalize() + ": 2 migrations and 7 "
                        + "experiments (1 INCONCLUSIVE, 3 NOT READY, 2 READY, 1 UNKNOWN)" + System.lineSeparator());
    }

    @Test
    void aMissingFileIsAUsageErrorNamingIt() {
        int code = run("summary", dir.resolve("nope.jsonl").toString());

        assertThat(code).isEqualTo(ReportCommand.USAGE);
        assertThat(err.toString()).contains("report: no such file or directory: " + dir.resolve("nope.jsonl"));
    }

    @Test
    void aBadLineIsAWarningWithFileAndLineAndIsSkipped() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(
                file, "{\"schema\":1,\"type\":\"summary\"\n{\"schema\":7,\"type\":\"result\"}\n" + GOOD_LINE + "\n");

        int code = run("summary", file.toString());

        assertThat(code).isZero();
        assertThat(err.toString())
                .contains("warning: " + file + ":1: not JSON: ")
                .contains("warning: " + file + ":2: unknown schema version 7");
        assertThat(out.toString()).contains("Skipped 2 bad lines");
    }

    @Test
    void oneBadLineIsSaidInTheSingular() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "garbage\n" + GOOD_LINE + "\n");

        assertThat(run("summary", file.toString())).isZero();

        assertThat(out.toString())
                .contains("Skipped 1 bad line:")
                .contains("(1 bad line, 0 unreadable files)")
                .doesNotContain("1 bad lines");
        assertThat(err.toString()).contains(":1: not JSON: ").doesNotContain("skipped (skipped)");
    }

    @Test
    void aLineTooLongIsSaidSkippedOnce() throws IOException {
        Path file = dir.resolve("long.jsonl");
        Files.writeString(file, "\"" + "x".repeat(17 * 1024 * 1024) + "\"\n" + GOOD_LINE + "\n");

        assertThat(run("summary", file.toString())).isZero();

        assertThat(err.toString()).contains(":1: line of ").containsOnlyOnce("skipped");
    }

    @Test
    void controlCharactersInProblemsOnStandardErrorAreEscaped() throws IOException {
        Path file = dir.resolve("bell\u0007.jsonl");
        Files.writeString(
                file,
                "{\"schema\":1,\"type\":\"result\",\"time\":\"2026-11-25T10:00:00Z\","
                        + "\"experiment\":\"x\",\"control\":{},\"candidates\":[{\"name\":\"c\","
                        + "\"outcome\":\"\\u001b[31mRED\\u0007\\u009b2J\"}]}\n" + GOOD_LINE + "\n");

        assertThat(run("summary", file.toString())).isZero();

        assertThat(err.toString())
                .doesNotContain("\u001b")
                .doesNotContain("\u0007")
                .doesNotContain("\u009b")
                .contains("bell\\u0007.jsonl:1: unknown outcome \"\\u001b[31mRED\\u0007\\u009b2J\"");
    }

    @Test
    void noValidLineExitsWithNoDataAndStillPrintsTheReport() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "garbage\nmore garbage\n\n");

        int code = run("summary", file.toString());

        assertThat(code).isEqualTo(ReportCommand.NO_DATA);
        assertThat(out.toString()).contains("Skipped 2 bad lines").contains("No experiment in these files");
        assertThat(err.toString()).contains("report: no valid line was read (1 file, 2 bad lines, 0 unreadable files)");
    }

    @Test
    void aDirectoryWithoutFilesExitsWithNoData() throws IOException {
        Files.createDirectories(dir.resolve("empty"));

        assertThat(run(
                        "html",
                        dir.resolve("empty").toString(),
                        "-o",
                        dir.resolve("page.html").toString()))
                .isEqualTo(ReportCommand.NO_DATA);
        assertThat(out.toString()).contains(": 0 experiments");
        assertThat(Files.exists(dir.resolve("page.html"))).isTrue();
    }

    @Test
    void strictMakesABadLineFatal() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "garbage\n");

        int code = run("summary", "--strict", file.toString());

        assertThat(code).isEqualTo(ReportCommand.BAD_INPUT);
        assertThat(err.toString())
                .contains("error: " + file + ":1: not JSON")
                .contains("stopped at the first bad input (--strict)");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void sinceAndUntilTakeInstantsOrDates() {
        Path files = SampleReportAccess.write(dir.resolve("files"));

        assertThat(run("summary", "--since", "2026-11-25T12:00:00Z", "--until", "2026-11-25", files.toString()))
                .isZero();
        assertThat(out.toString()).contains("Filter: since 2026-11-25 12:00:00 UTC, until 2026-11-26 00:00:00 UTC");
    }

    @Test
    void aBadTimeIsAUsageError() {
        int code = run("summary", "--since", "yesterday", dir.toString());

        assertThat(code).isEqualTo(ReportCommand.USAGE);
        assertThat(err.toString()).contains("--since: 'yesterday' is neither an ISO-8601 instant");
    }

    @Test
    void helpListsTheExitCodes() {
        int code = run("--help");

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("Exit codes:")
                .contains("3   --strict and a bad line")
                .contains("4   no valid line was read");
    }

    @Test
    void noProgressLineWithoutATerminal() throws IOException {
        Path files = SampleReportAccess.write(dir.resolve("files"));

        run("summary", files.toString());

        assertThat(err.toString()).doesNotContain("reading:").doesNotContain("\r");
    }
}
