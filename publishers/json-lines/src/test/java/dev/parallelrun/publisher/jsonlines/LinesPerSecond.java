package dev.parallelrun.publisher.jsonlines;

import dev.parallelrun.experiment.Result;
import dev.parallelrun.publisher.contract.SampleResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A quick measure of lines written per second, until the JMH benchmark in {@code benchmarks/} exists: one
 * thread publishes the same result in a loop (as the laboratory's publishing thread would) for a few seconds
 * after a warm-up, into a temporary directory; the figure includes encoding, the validity check of every
 * JSON value and one write(2) per line (to the page cache: no fsync). Not a test: run its main.
 */
public final class LinesPerSecond {

    private LinesPerSecond() {}

    public static void main(String[] args) throws Exception {
        measure("mismatch (2 differences)", SampleResults.mismatch());
        measure("unicode mismatch", SampleResults.unicode());
        measure("two candidates", SampleResults.twoCandidates());
        measure("100 differences of 1 KiB", SampleResults.hugeValues(1024));
        measure("mismatch, again (warm)", SampleResults.mismatch());
    }

    private static void measure(String name, Result<Object> result) throws Exception {
        Path directory = Files.createTempDirectory("lines-per-second");
        try {
            try (JsonLinesPublisher publisher = JsonLinesPublisher.to(directory)) {
                run(publisher, result, 3_000_000_000L);
                JsonLinesStats before = publisher.stats();
                long start = System.nanoTime();
                run(publisher, result, 5_000_000_000L);
                long nanos = System.nanoTime() - start;
                JsonLinesStats after = publisher.stats();
                long lines = after.linesWritten() - before.linesWritten();
                long bytes = after.bytesWritten() - before.bytesWritten();
                System.out.printf(
                        Locale.ROOT,
                        "%-28s %,10.0f lines/s  %7.1f MB/s  %,7d bytes/line  failures %d%n",
                        name,
                        lines * 1e9 / nanos,
                        bytes * 1e3 / nanos,
                        bytes / Math.max(1, lines),
                        after.writeFailures() + after.linesDropped());
            }
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void run(JsonLinesPublisher publisher, Result<Object> result, long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            for (int i = 0; i < 100; i++) {
                publisher.publish(result);
            }
        }
    }
}
