package dev.parallelrun.benchmarks.throughput;

import dev.parallelrun.benchmarks.workload.Order;
import dev.parallelrun.benchmarks.workload.Orders;
import dev.parallelrun.benchmarks.workload.Price;
import dev.parallelrun.benchmarks.workload.PricingEngine;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.publisher.jsonlines.JsonLinesPublisher;
import dev.parallelrun.publisher.jsonlines.JsonLinesStats;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sampled calls per second carried into JSON Lines files on this machine's disk:
 * <ul>
 *   <li>{@link #engineIntoJsonLines}: a caller prices orders as fast as it can through an experiment sampled
 *       at 100% whose candidate mismatches on some orders; every result is written ({@code everyResult}).
 *       The score is the caller's calls per second; the counters {@code linesWritten} and
 *       {@code resultsDropped} are per second too: what the publishing thread sustained, and what the
 *       bounded queue dropped rather than let the caller wait.</li>
 *   <li>{@link #publisherAlone}: the publisher on its own, writing one real mismatch result (made by the
 *       engine in set-up) again and again: the ceiling of the file side, lines per second.</li>
 * </ul>
 * Files go to a temporary directory, capped at 512 MiB (oldest files deleted), removed at the end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class JsonLinesThroughputBenchmark {

    private static final int ORDERS = 256;
    private static final long MAX_TOTAL_BYTES = 512L * 1024 * 1024;

    private final Order[] orders = Orders.sample(ORDERS, 20_260_301L);
    private @Nullable Path directory;
    private @Nullable RuntimeLaboratory laboratory;
    private @Nullable JsonLinesPublisher engineFiles;
    private @Nullable JsonLinesPublisher aloneFiles;
    private Function<Order, Price> priced = PricingEngine.legacy()::price;
    private @Nullable Result<?> sample;
    private int cursor;

    /** The laboratory writing to JSON Lines, and one real mismatch result for the publisher alone. */
    @Setup(Level.Trial)
    public void build() throws IOException {
        Path root = Files.createTempDirectory("parallel-run-throughput");
        directory = root;
        JsonLinesPublisher files = JsonLinesPublisher.builder(root.resolve("engine")).everyResult(true)
                .maxTotalBytes(MAX_TOTAL_BYTES).build();
        engineFiles = files;
        RuntimeLaboratory lab = RuntimeLaboratory.builder().publisher(files).queueCapacity(10_000)
                .closeTimeout(Duration.ofSeconds(5)).build();
        laboratory = lab;
        Experiment<Price> experiment = lab.experiment("pricing-throughput", Price.class).sampleRate(1.0).build();
        priced = experiment.wrap(PricingEngine.legacy()::price, PricingEngine.perCurrencyRounding()::price);

        aloneFiles = JsonLinesPublisher.builder(root.resolve("alone")).maxTotalBytes(MAX_TOTAL_BYTES).build();
        sample = mismatchResult();
    }

    /** A mismatch as the engine makes it: the first order the two engines price differently. */
    private Result<?> mismatchResult() {
        CopyOnWriteArrayList<Result<?>> results = new CopyOnWriteArrayList<>();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().publisher(results::add).build()) {
            Experiment<Price> experiment = lab.experiment("pricing-sample", Price.class).build();
            for (Order order : orders) {
                if (!PricingEngine.legacy().price(order).equals(PricingEngine.perCurrencyRounding().price(order))) {
                    experiment.run(() -> PricingEngine.legacy().price(order),
                            () -> PricingEngine.perCurrencyRounding().price(order));
                    break;
                }
            }
        }
        if (results.isEmpty() || !results.get(0).anyMismatched()) {
            throw new IllegalStateException("the workload has no mismatching order");
        }
        return results.get(0);
    }

    /** Per-second counts of what the publishing side did while the caller called. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Written {
        /** Lines the publisher wrote. */
        public long linesWritten;
        /** Results the full publishing queue dropped. */
        public long resultsDropped;

        private long linesAtStart;
        private long droppedAtStart;

        /** Remembers the totals when an iteration starts. */
        @Setup(Level.Iteration)
        public void mark(JsonLinesThroughputBenchmark benchmark) {
            linesAtStart = benchmark.linesWritten();
            droppedAtStart = benchmark.dropped();
        }

        /** What happened during the iteration (JMH divides by its length). */
        @TearDown(Level.Iteration)
        public void count(JsonLinesThroughputBenchmark benchmark) {
            linesWritten = benchmark.linesWritten() - linesAtStart;
            resultsDropped = benchmark.dropped() - droppedAtStart;
        }
    }

    long linesWritten() {
        JsonLinesPublisher engine = engineFiles;
        JsonLinesPublisher alone = aloneFiles;
        return (engine == null ? 0 : engine.stats().linesWritten()) + (alone == null ? 0 : alone.stats().linesWritten());
    }

    long dropped() {
        RuntimeLaboratory lab = laboratory;
        return lab == null ? 0 : lab.publishingStats().dropped();
    }

    /** A caller pricing orders through an experiment sampled at 100% that writes every result. */
    @Benchmark
    public Price engineIntoJsonLines(Written written) {
        return priced.apply(orders[cursor++ & (ORDERS - 1)]);
    }

    /** The JSON Lines publisher alone, writing a real mismatch result. */
    @Benchmark
    public void publisherAlone(Written written) {
        JsonLinesPublisher alone = aloneFiles;
        Result<?> result = sample;
        if (alone != null && result != null) {
            alone.publish(result);
        }
    }

    /** Closes everything, prints what was written, and removes the files. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        RuntimeLaboratory lab = laboratory;
        if (lab != null) {
            lab.close();
        }
        JsonLinesPublisher alone = aloneFiles;
        if (alone != null) {
            alone.close();
        }
        JsonLinesStats engine = engineFiles == null ? null : engineFiles.stats();
        System.out.println("\n[throughput] engine side: " + engine + "; publisher alone: "
                + (alone == null ? null : alone.stats()));
        Path root = directory;
        if (root != null) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
