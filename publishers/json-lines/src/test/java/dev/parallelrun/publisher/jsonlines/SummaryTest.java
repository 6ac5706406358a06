package dev.parallelrun.publisher.jsonlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Candidates;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.ReadinessCriteria;
import dev.parallelrun.experiment.SkipReason;
import dev.parallelrun.publisher.contract.SampleResults;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Summary lines, from a real engine: what they carry and that their counts are cumulative. */
class SummaryTest {

    @TempDir
    Path directory;

    private static List<JsonNode> summariesOf(Path directory, String experiment) {
        return Lines.summaries(directory).stream()
                .filter(n -> n.get("experiment").asText().equals(experiment))
                .toList();
    }

    @Test
    void closeWritesOneSummaryPerExperimentWithItsStatistics() {
        ReadinessCriteria criteria = ReadinessCriteria.defaults()
                .withMinComparedSamples(10)
                .withMaxMismatchRate(0.01)
                .withMaxErrorRate(0.05)
                .withMaxP99Ratio(3.0);
        LocalDate expiry = LocalDate.now().plusYears(1);
        JsonLinesPublisher publisher = JsonLinesPublisher.to(directory);
        Experiment<Integer> pricing;
        ExperimentStats expected;
        Instant before = Instant.now();
        try (Laboratory lab = RuntimeLaboratory.builder().publisher(publisher).build()) {
            pricing = lab.<Integer>experiment("pricing")
                    .readiness(criteria)
                    .expiresOn(expiry)
                    .build();
            lab.experiment("idle", String.class).build();
            Candidates<Integer> two = Candidates.<Integer>of("v2", () -> 1).and("v3", () -> {
                throw new IllegalStateException("v3 is broken");
            });
            pricing.run(Call.keyed("a"), () -> 1, two);
            pricing.run(Call.keyed("b"), () -> 1, two);
            pricing.run(Call.keyed("c"), () -> 2, two);
            await().until(() ->
                    pricing.stats().sampled() == 3 && lab.publishingStats().queued() == 0);
            expected = pricing.stats();
        }
        Instant after = Instant.now();

        List<JsonNode> summaries = summariesOf(directory, "pricing");
        assertThat(summaries).hasSize(1);
        JsonNode summary = summaries.get(0);
        assertThat(summary.get("schema").asInt()).isEqualTo(2);
        assertThat(summary.get("type").asText()).isEqualTo("summary");
        assertThat(Instant.parse(summary.get("time").asText())).isBetween(before.minusMillis(1), after.plusMillis(1));
        assertThat(summary.get("host").asText()).isEqualTo(JsonLinesPublisher.hostName());
        assertThat(summary.get("jvm").asText()).matches(ProcessHandle.current().pid() + "-[0-9a-f]{8}");
        assertThat(summary.get("sampled").asLong()).isEqualTo(3);
        assertThat(summary.get("dropped").asLong()).isZero();
        JsonNode outcomes = summary.get("outcomes");
        assertThat(outcomes.fieldNames())
                .toIterable()
                .containsExactly("MATCH", "MISMATCH", "IGNORED", "TIMED_OUT", "SKIPPED", "COMPARISON_FAILED");
        for (Outcome outcome : Outcome.values()) {
            assertThat(outcomes.get(outcome.name()).asLong()).as(outcome.name()).isEqualTo(expected.count(outcome));
        }
        assertThat(outcomes.get("MATCH").asLong()).isEqualTo(2);
        assertThat(outcomes.get("MISMATCH").asLong()).isEqualTo(4);
        assertThat(summary.get("candidateErrors").asLong()).isEqualTo(3);
        JsonNode candidates = summary.get("candidates");
        assertThat(candidates.fieldNames()).toIterable().containsExactly("v2", "v3");
        assertThat(candidates.get("v2").get("outcomes").get("MATCH").asLong()).isEqualTo(2);
        assertThat(candidates.get("v2").get("outcomes").get("MISMATCH").asLong())
                .isEqualTo(1);
        assertThat(candidates.get("v2").get("errors").asLong()).isZero();
        assertThat(candidates.get("v3").get("outcomes").get("MISMATCH").asLong())
                .isEqualTo(3);
        assertThat(candidates.get("v3").get("errors").asLong()).isEqualTo(3);
        JsonNode control = summary.get("latency").get("control");
        assertThat(control.get("count").asLong())
                .isEqualTo(expected.control().count())
                .isEqualTo(3);
        assertThat(control.get("p50Nanos").asLong())
                .isEqualTo(expected.control().p50().toNanos());
        assertThat(control.get("p90Nanos").asLong())
                .isEqualTo(expected.control().p90().toNanos());
        assertThat(control.get("p99Nanos").asLong())
                .isEqualTo(expected.control().p99().toNanos());
        assertThat(control.get("maxNanos").asLong())
                .isEqualTo(expected.control().max().toNanos());
        assertThat(summary.get("latency").get("candidate").get("count").asLong())
                .isEqualTo(expected.candidateLatency().count());
        assertThat(summary.get("latency").get("schedulingDelay").get("count").asLong())
                .isEqualTo(expected.schedulingDelay().count())
                .isEqualTo(6);
        assertThat(summary.get("latency").get("schedulingDelay").get("maxNanos").asLong())
                .isEqualTo(expected.schedulingDelay().max().toNanos());
        assertThat(summary.get("criteria"))
                .isEqualTo(Lines.tree(
                        "{\"minComparedSamples\":10,\"maxMismatchRate\":0.01,\"maxErrorRate\":0.05,\"maxP99Ratio\":3.0,"
                                + "\"latencyFloorNanos\":1000000,\"maxSkippedShare\":0.5}"));
        assertThat(summary.get("skipped").fieldNames())
                .toIterable()
                .containsExactly("CAP", "RUNAWAYS", "PAUSED", "BEFORE_RUN", "REJECTED", "BACKLOG", "CLOSED");
        summary.get("skipped").forEach(count -> assertThat(count.asLong()).isZero());
        assertThat(summary.get("runaways")).isEqualTo(Lines.tree("{\"now\":0,\"total\":0}"));
        JsonNode readiness = summary.get("readiness");
        assertThat(readiness.get("ready").asBoolean())
                .isEqualTo(expected.readiness().ready())
                .isFalse();
        assertThat(readiness.get("status").asText())
                .isEqualTo(expected.readiness().status().name())
                .isEqualTo("NOT_READY");
        assertThat(readiness.get("verdict").asText())
                .isEqualTo(expected.readiness().verdict())
                .startsWith("NOT READY");
        List<Readiness.Check> checks = expected.readiness().checks();
        assertThat(readiness.get("checks")).hasSize(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            JsonNode check = readiness.get("checks").get(i);
            assertThat(check.get("criterion").asText()).isEqualTo(checks.get(i).criterion());
            assertThat(check.get("requirement").asText())
                    .isEqualTo(checks.get(i).requirement());
            assertThat(check.get("actual").asText()).isEqualTo(checks.get(i).actual());
            assertThat(check.get("passed").asBoolean()).isEqualTo(checks.get(i).passed());
        }
        assertThat(summary.get("expiresOn").asText()).isEqualTo(expiry.toString());
        assertThat(summary.get("expired").asBoolean()).isFalse();
        assertThat(summary.get("faults").fieldNames())
                .toIterable()
                .containsExactly(
                        Arrays.stream(FaultSource.values()).map(Enum::name).toArray(String[]::new));
        for (FaultSource source : FaultSource.values()) {
            assertThat(summary.get("faults").get(source.name()).asLong())
                    .as(source.name())
                    .isZero();
        }

        JsonNode idle = summariesOf(directory, "idle").get(0);
        assertThat(idle.get("sampled").asLong()).isZero();
        assertThat(idle.get("candidates").size()).isZero();
        assertThat(idle.has("expiresOn")).isFalse();
        assertThat(idle.get("latency").get("control").get("count").asLong()).isZero();
    }

    @Test
    void everyPartOfTheStatisticsIsWritten() {
        ExperimentStats expected = SampleResults.stats();
        JsonLinesPublisher publisher = JsonLinesPublisher.to(directory);
        publisher.attach(SampleResults.laboratory());
        publisher.close();

        JsonNode summary = summariesOf(directory, SampleResults.EXPERIMENT).get(0);
        assertThat(summary.get("sampled").asLong()).isEqualTo(expected.sampled());
        assertThat(summary.get("dropped").asLong()).isEqualTo(expected.dropped());
        for (SkipReason reason : SkipReason.values()) {
            assertThat(summary.get("skipped").get(reason.name()).asLong())
                    .as(reason.name())
                    .isEqualTo(expected.skipped(reason))
                    .isPositive();
        }
        assertThat(summary.get("outcomes").get("SKIPPED").asLong())
                .isEqualTo(expected.skipped().values().stream()
                        .mapToLong(Long::longValue)
                        .sum());
        assertThat(summary.get("runaways").get("now").asLong())
                .isEqualTo(expected.runaways())
                .isEqualTo(1);
        assertThat(summary.get("runaways").get("total").asLong())
                .isEqualTo(expected.runawaysTotal())
                .isEqualTo(3);
        JsonNode delay = summary.get("latency").get("schedulingDelay");
        assertThat(delay.get("count").asLong())
                .isEqualTo(expected.schedulingDelay().count());
        assertThat(delay.get("p50Nanos").asLong())
                .isEqualTo(expected.schedulingDelay().p50().toNanos());
        assertThat(delay.get("p90Nanos").asLong())
                .isEqualTo(expected.schedulingDelay().p90().toNanos());
        assertThat(delay.get("p99Nanos").asLong())
                .isEqualTo(expected.schedulingDelay().p99().toNanos());
        assertThat(delay.get("maxNanos").asLong())
                .isEqualTo(expected.schedulingDelay().max().toNanos());
        assertThat(summary.get("criteria").get("latencyFloorNanos").asLong())
                .isEqualTo(expected.criteria().latencyFloor().toNanos());
        assertThat(summary.get("criteria").get("maxSkippedShare").asDouble())
                .isEqualTo(expected.criteria().maxSkippedShare());
        for (FaultSource source : FaultSource.values()) {
            assertThat(summary.get("faults").get(source.name()).asLong())
                    .as(source.name())
                    .isEqualTo(expected.faults(source));
        }
        assertThat(summary.get("faults").get("ENGINE").asLong()).isEqualTo(1);

        JsonNode readiness = summary.get("readiness");
        assertThat(readiness.get("status").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(readiness.get("ready").asBoolean(true)).isFalse();
        assertThat(readiness.get("verdict").asText())
                .isEqualTo(expected.readiness().verdict())
                .startsWith("INCONCLUSIVE: ");
        List<Readiness.Check> checks = expected.readiness().checks();
        assertThat(readiness.get("checks")).hasSize(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            JsonNode check = readiness.get("checks").get(i);
            String note = checks.get(i).note();
            if (note == null) {
                assertThat(check.has("note")).as(checks.get(i).criterion()).isFalse();
            } else {
                assertThat(check.get("note").asText())
                        .as(checks.get(i).criterion())
                        .isEqualTo(note);
            }
        }
        assertThat(readiness.get("checks"))
                .anySatisfy(check -> assertThat(check.path("note").asText()).contains("inconclusive"));
    }

    @Test
    void faultsAreCountedPerSource() {
        JsonLinesPublisher publisher = JsonLinesPublisher.to(directory);
        try (Laboratory lab = RuntimeLaboratory.builder().publisher(publisher).build()) {
            Experiment<Integer> faulty = lab.<Integer>experiment("faulty")
                    .beforeRun(() -> {
                        throw new IllegalStateException("setup failed");
                    })
                    .build();
            faulty.run(() -> 1, () -> 1);
            await().until(() ->
                    faulty.stats().sampled() == 1 && lab.publishingStats().queued() == 0);
        }

        JsonNode summary = summariesOf(directory, "faulty").get(0);
        assertThat(summary.get("faults").get("BEFORE_RUN").asLong()).isEqualTo(1);
        assertThat(summary.get("outcomes").get("SKIPPED").asLong()).isEqualTo(1);
        assertThat(summary.get("skipped").get("BEFORE_RUN").asLong()).isEqualTo(1);
    }

    @Test
    void periodicSummariesAreCumulativeAndComeEveryInterval() {
        JsonLinesPublisher publisher = JsonLinesPublisher.builder(directory)
                .summaryInterval(Duration.ofMillis(20))
                .build();
        try (Laboratory lab = RuntimeLaboratory.builder().publisher(publisher).build()) {
            Experiment<Integer> counting = lab.<Integer>experiment("counting").build();
            counting.run(() -> 1, () -> 2);
            await().until(() -> summariesOf(directory, "counting").stream()
                    .anyMatch(s -> s.get("sampled").asLong() == 1));
            counting.run(() -> 1, () -> 2);
            counting.run(() -> 1, () -> 1);
            await().until(() -> summariesOf(directory, "counting").stream()
                    .anyMatch(s -> s.get("sampled").asLong() == 3));
        }

        List<JsonNode> summaries = summariesOf(directory, "counting");
        assertThat(summaries.size()).isGreaterThanOrEqualTo(3); // two periodic ones at least, and the last
        for (int i = 1; i < summaries.size(); i++) {
            JsonNode earlier = summaries.get(i - 1);
            JsonNode later = summaries.get(i);
            assertThat(later.get("time").asText())
                    .isGreaterThanOrEqualTo(earlier.get("time").asText());
            assertThat(later.get("sampled").asLong())
                    .isGreaterThanOrEqualTo(earlier.get("sampled").asLong());
            for (Outcome outcome : Outcome.values()) {
                assertThat(later.get("outcomes").get(outcome.name()).asLong())
                        .isGreaterThanOrEqualTo(
                                earlier.get("outcomes").get(outcome.name()).asLong());
            }
            assertThat(later.get("jvm")).isEqualTo(earlier.get("jvm"));
        }
        JsonNode last = summaries.get(summaries.size() - 1);
        assertThat(last.get("sampled").asLong()).isEqualTo(3);
        assertThat(last.get("outcomes").get("MISMATCH").asLong()).isEqualTo(2);
        assertThat(last.get("outcomes").get("MATCH").asLong()).isEqualTo(1);
        assertThat(Lines.results(directory)).hasSize(2); // the match is counted, not written
    }

    @Test
    @Timeout(60)
    void summaryAndResultLinesNeverInterleave() {
        JsonLinesPublisher publisher = JsonLinesPublisher.builder(directory)
                .summaryInterval(Duration.ofMillis(10))
                .maxFileBytes(64 * 1024)
                .build();
        try (Laboratory lab = RuntimeLaboratory.builder().publisher(publisher).build()) {
            lab.experiment("busy", Integer.class).build();
            long summaries = 0;
            int published = 0;
            // the test thread stands in for the publishing thread, racing the summary thread
            while (published < 2_000 || summaries < 5) {
                publisher.publish(SampleResults.unicode());
                published++;
                if (published % 100 == 0) {
                    summaries = publisher.stats().linesWritten() - published;
                }
            }
            assertThat(Lines.results(directory)).hasSize(published);
        }

        assertThat(Lines.summaries(directory).size()).isGreaterThanOrEqualTo(5);
        assertThat(publisher.stats().linesDropped() + publisher.stats().writeFailures())
                .isZero();
    }

    @Test
    void closeStopsTheSummaryThread() {
        JsonLinesPublisher publisher = JsonLinesPublisher.builder(directory)
                .summaryInterval(Duration.ofMillis(10))
                .build();
        Laboratory lab = RuntimeLaboratory.builder().publisher(publisher).build();
        lab.experiment("stopping", Integer.class).build();
        await().until(() -> !summariesOf(directory, "stopping").isEmpty());
        assertThat(summaryThreads()).isNotEmpty();

        lab.close();

        await().until(() -> summaryThreads().isEmpty());
        long lines = publisher.stats().linesWritten();
        assertThat(Lines.read(directory)).hasSize((int) lines);
    }

    @Test
    void aPublisherNeverAttachedWritesNoSummaryAndStartsNoThread() {
        List<Thread> before = summaryThreads(); // of earlier tests, maybe still ending
        JsonLinesPublisher publisher = JsonLinesPublisher.builder(directory)
                .summaryInterval(Duration.ofMillis(10))
                .build();

        assertThat(summaryThreads()).isSubsetOf(before);
        publisher.close();
        assertThat(Lines.files(directory)).isEmpty();
    }

    private static List<Thread> summaryThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("parallel-run-json-lines-summaries") && t.isAlive())
                .toList();
    }
}
