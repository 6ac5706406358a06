package dev.parallelrun.report;

import static dev.parallelrun.report.JsonLinesGenerator.candidate;
import static dev.parallelrun.report.JsonLinesGenerator.result;
import static dev.parallelrun.report.JsonLinesGenerator.run;
import static dev.parallelrun.report.JsonLinesGenerator.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.experiment.Outcome;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds 1,000,000 lines through the reader in a child JVM limited to {@code -Xmx128m}: 20 JVMs, 2 experiments,
 * 500 signatures, a clock in every value, a summary every 50 results and some garbage. The file is generated on
 * disk first, one line at a time. The child prints what it counted, the time and the heap; the figures go to
 * {@code target/million-lines.txt}.
 */
class MillionLinesTest {

    static final int LINES = 1_000_000;
    static final int JVMS = 20;
    static final String[] EXPERIMENTS = {"pricing-v2", "search-v3"};
    static final int SIGNATURES = 500;
    static final int RESULTS_PER_SUMMARY = 50;
    static final int GARBAGE_EVERY = 100_000;

    @TempDir
    Path dir;

    @Test
    void aMillionLinesAreSummarisedUnderASmallHeap() throws Exception {
        Path file = dir.resolve("million.jsonl");
        Expected expected = generate(file);

        Map<String, String> probe = probe(file);

        assertThat(probe)
                .containsEntry("lines", String.valueOf(LINES))
                .containsEntry("resultLines", String.valueOf(expected.results))
                .containsEntry("summaryLines", String.valueOf(expected.summaries))
                .containsEntry("badLines", String.valueOf(expected.garbage))
                .containsEntry("experiments", "2");
        for (String experiment : EXPERIMENTS) {
            assertThat(probe)
                    .containsEntry(experiment + ".sampled", String.valueOf(expected.sampled.get(experiment)))
                    .containsEntry(experiment + ".mismatches", String.valueOf(expected.mismatches.get(experiment)))
                    .containsEntry(experiment + ".groups", String.valueOf(SIGNATURES))
                    .containsEntry(
                            experiment + ".grouped", String.valueOf(expected.resultsPerExperiment.get(experiment)))
                    .containsEntry(experiment + ".noisy", "/quotedAt")
                    .containsEntry(experiment + ".jvms", String.valueOf(JVMS));
        }
        long examples = 0;
        for (String experiment : EXPERIMENTS) {
            examples += Long.parseLong(probe.get(experiment + ".examples"));
        }
        assertThat(examples)
                .as("4 examples for the first groups, the latest one for the others")
                .isEqualTo(SignatureGroups.FULL_EXAMPLE_GROUPS * 4L
                        + (EXPERIMENTS.length * SIGNATURES - SignatureGroups.FULL_EXAMPLE_GROUPS));
        String figures = String.format(
                "1,000,000 lines (%,d bytes) read in %s ms under -Xmx128m; peak heap used "
                        + "%,d bytes (sum of heap pools' peaks, garbage included); largest heap after a GC while "
                        + "reading %s MB (GC log); %,d bytes after a full GC with the summary held%n",
                Files.size(file),
                probe.get("elapsedMillis"),
                Long.parseLong(probe.get("peakHeapBytes")),
                probe.get("maxHeapAfterGcMegabytes"),
                Long.parseLong(probe.get("retainedHeapBytes")));
        Files.writeString(Path.of("target", "million-lines.txt"), figures);
        System.out.print(figures);
    }

    private Map<String, String> probe(Path file) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path output = dir.resolve("probe.out");
        Path gcLog = dir.resolve("gc.log");
        Process child = new ProcessBuilder(
                        java,
                        "-Xmx128m",
                        "-Xlog:gc:file=" + gcLog,
                        "-cp",
                        System.getProperty("java.class.path"),
                        MillionLinesProbe.class.getName(),
                        file.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean done = child.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            child.destroyForcibly();
        }
        String printed = Files.readString(output);
        assertThat(done).as("the child finished: " + printed).isTrue();
        assertThat(child.exitValue())
                .as("the child's exit code; it printed:%n%s", printed)
                .isZero();
        Map<String, String> values = new HashMap<>();
        for (String line : printed.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1).strip());
            }
        }
        long liveAfterGc = 0;
        Matcher heap = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)").matcher(Files.readString(gcLog));
        while (heap.find()) {
            liveAfterGc = Math.max(liveAfterGc, Long.parseLong(heap.group(2)));
        }
        values.put("maxHeapAfterGcMegabytes", String.valueOf(liveAfterGc));
        return values;
    }

    private static final class Expected {
        long results;
        long summaries;
        long garbage;
        final Map<String, Long> sampled = new HashMap<>();
        final Map<String, Long> mismatches = new HashMap<>();
        final Map<String, Long> resultsPerExperiment = new HashMap<>();
    }

    /**
     * Writes the file. Each kind of line is made once by the {@link JsonLinesGenerator} with markers, which are
     * then replaced per line: the lines are the generator's, and writing a million of them stays fast.
     */
    private static Expected generate(Path file) throws IOException {
        Expected expected = new Expected();
        String resultTemplate = result("@EXPERIMENT@", "2026-11-25T10:00:00Z")
                .host("@HOST@")
                .jvm("@JVM@")
                .key("@KEY@")
                .context("order", "@KEY@")
                .control(
                        run(41_000).value("{\"total\":10.0,\"quotedAt\":\"2026-11-25T10:00:00.000Z\",\"lines\":[1,2]}"))
                .candidate(candidate("candidate", Outcome.MISMATCH)
                        .run(run(52_000)
                                .value("{\"total\":10.5,\"quotedAt\":\"2026-11-25T10:00:00.001Z\",\"lines\":[1,2]}"))
                        .signature("@SIGNATURE@")
                        .difference(
                                "replace", "/quotedAt", "\"2026-11-25T10:00:00.001Z\"", "\"2026-11-25T10:00:00.000Z\"")
                        .difference("replace", "/@PATH@", "10.5", "10.0"))
                .line()
                .replace("2026-11-25T10:00:00.000Z", "@TIME@");
        String summaryTemplate = summary("@EXPERIMENT@", "@JVM@", "2026-11-25T10:00:00Z")
                .host("@HOST@")
                .sampled(111_111)
                .outcome(Outcome.MATCH, 222_222)
                .outcome(Outcome.MISMATCH, 333_333)
                .latency(
                        new long[] {444_444, 40_000, 50_000, 90_000, 200_000},
                        new long[] {444_444, 48_000, 60_000, 120_000, 300_000})
                .line()
                .replace("2026-11-25T10:00:00.000Z", "@TIME@");
        Instant start = Instant.parse("2026-11-24T00:00:00Z");
        long[][] matched = new long[JVMS][EXPERIMENTS.length];
        long[][] mismatched = new long[JVMS][EXPERIMENTS.length];
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < LINES; i++) {
                int jvm = i % JVMS;
                int experiment = (i / JVMS) % EXPERIMENTS.length;
                String time = start.plusMillis(i * 100L).toString();
                String line;
                if (i % GARBAGE_EVERY == GARBAGE_EVERY - 1) {
                    line = "{\"schema\":1,\"type\":\"result\",\"time\":"; // a line cut short
                    expected.garbage++;
                } else if (summaryAt(i)) {
                    matched[jvm][experiment] += 1 + (i % 3);
                    long sampled = matched[jvm][experiment] + mismatched[jvm][experiment];
                    line = summaryTemplate
                            .replace("@EXPERIMENT@", EXPERIMENTS[experiment])
                            .replace("@JVM@", "jvm-" + jvm)
                            .replace("@HOST@", "host-" + jvm % 5)
                            .replace("@TIME@", time)
                            .replace("111111", String.valueOf(sampled))
                            .replace("222222", String.valueOf(matched[jvm][experiment]))
                            .replace("333333", String.valueOf(mismatched[jvm][experiment]))
                            .replace("444444", String.valueOf(sampled));
                    expected.summaries++;
                } else {
                    int signature = (i / 7) % SIGNATURES;
                    mismatched[jvm][experiment]++;
                    line = resultTemplate
                            .replace("@EXPERIMENT@", EXPERIMENTS[experiment])
                            .replace("@JVM@", "jvm-" + jvm)
                            .replace("@HOST@", "host-" + jvm % 5)
                            .replace("@TIME@", time)
                            .replace("@KEY@", "customer-" + i)
                            .replace("@SIGNATURE@", String.format("%016x", signature))
                            .replace("@PATH@", "field" + signature);
                    expected.results++;
                    expected.resultsPerExperiment.merge(EXPERIMENTS[experiment], 1L, Long::sum);
                }
                out.write(line);
                out.write('\n');
            }
        }
        // summaries carry the counts up to their own time; results after a JVM's last summary are not in them
        for (int e = 0; e < EXPERIMENTS.length; e++) {
            long sampled = 0;
            long mismatches = 0;
            for (int jvm = 0; jvm < JVMS; jvm++) {
                sampled += lastSummary(e, jvm)[0];
                mismatches += lastSummary(e, jvm)[1];
            }
            expected.sampled.put(EXPERIMENTS[e], sampled);
            expected.mismatches.put(EXPERIMENTS[e], mismatches);
        }
        return expected;
    }

    /** {sampled, mismatches} of the last summary of one JVM and experiment, replayed from the same rules. */
    private static long[] lastSummary(int experimentIndex, int jvmIndex) {
        long matched = 0;
        long mismatched = 0;
        long[] last = {0, 0};
        for (int i = jvmIndex; i < LINES; i += JVMS) {
            if ((i / JVMS) % EXPERIMENTS.length != experimentIndex) {
                continue;
            }
            if (i % GARBAGE_EVERY == GARBAGE_EVERY - 1) {
                continue;
            }
            if (summaryAt(i)) {
                matched += 1 + (i % 3);
                last = new long[] {matched + mismatched, mismatched};
            } else {
                mismatched++;
            }
        }
        return last;
    }

    /** Each JVM writes a summary of each experiment after every 49 of its results. */
    private static boolean summaryAt(int line) {
        return (line / JVMS / EXPERIMENTS.length) % RESULTS_PER_SUMMARY == RESULTS_PER_SUMMARY - 1;
    }

    static List<String> experiments() {
        return List.of(EXPERIMENTS);
    }
}
