package dev.parallelrun.benchmarks.throughput;

import dev.parallelrun.benchmarks.overhead.SampledScenario;
import dev.parallelrun.benchmarks.workload.Order;
import dev.parallelrun.benchmarks.workload.Orders;
import dev.parallelrun.benchmarks.workload.Price;
import dev.parallelrun.benchmarks.workload.PricingEngine;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.Outcome;
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
 *   <li>{@link #engineIntoJsonLines}: one caller prices orders as fast as it can through an experiment sampled at
 *       100% whose candidate mismatches on every order (a cent more tax), into a {@code JsonLinesPublisher} with its
 *       defaults, which writes the results a person must look at: here, one mismatch line per compared candidate.
 *       The score is the caller's calls per second. The counters are per second too (JMH divides them by the
 *       iteration's time): {@code resultsMade} (sampled calls that produced a result), {@code compared}
 *       (candidates compared), {@code mismatchLinesWritten} (lines the publisher wrote), {@code candidatesSkipped}
 *       (sampled calls whose candidate never ran: dropped uncompared, with the reason in the engine's stats) and
 *       {@code resultsDropped} (results the full publishing queue dropped rather than let the caller wait).</li>
 *   <li>{@link #publisherAlone}: the publisher on its own, writing one real mismatch result (made by the engine in
 *       set-up) again and again: the ceiling of the file side, lines per second.</li>
 * </ul>
 * Files go to a temporary directory, capped at 512 MiB (oldest files deleted), removed at the end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
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
    private @Nullable Experiment<Price> experiment;
    private int cursor;

    /** The laboratory writing to JSON Lines, and one real mismatch result for the publisher alone. */
    @Setup(Level.Trial)
    public void build() throws IOException {
        Path root = Files.createTempDirectory("parallel-run-throughput");
        directory = root;
        JsonLinesPublisher files = JsonLinesPublisher.builder(root.resolve("engine"))
                .maxTotalBytes(MAX_TOTAL_BYTES)
                .build();
        engineFiles = files;
        RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(files)
                .queueCapacity(10_000)
                .closeTimeout(Duration.ofSeconds(5))
                .build();
        laboratory = lab;
        Experiment<Price> experiment = lab.experiment("pricing-throughput", Price.class)
                .sampleRate(1.0)
                .build();
        this.experiment = experiment;
        priced = experiment.wrap(PricingEngine.legacy()::price, JsonLinesThroughputBenchmark::centMoreTax);

        aloneFiles = JsonLinesPublisher.builder(root.resolve("alone"))
                .maxTotalBytes(MAX_TOTAL_BYTES)
                .build();
        sample = mismatchResult();
    }

    /** The mismatching candidate: the control's price with a cent more tax, on every order. */
    static Price centMoreTax(Order order) {
        Price price = PricingEngine.legacy().price(order);
        return new Price(
                price.currency(),
                price.subtotalCents(),
                price.discountCents(),
                price.taxCents() + 1,
                price.totalCents() + 1);
    }

    /** A mismatch as the engine makes it: the first order the two engines price differently. */
    private Result<?> mismatchResult() {
        CopyOnWriteArrayList<Result<?>> results = new CopyOnWriteArrayList<>();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(results::add).build()) {
            Experiment<Price> experiment =
                    lab.experiment("pricing-sample", Price.class).build();
            for (Order order : orders) {
                if (!PricingEngine.legacy()
                        .price(order)
                        .equals(PricingEngine.perCurrencyRounding().price(order))) {
                    experiment.run(
                            () -> PricingEngine.legacy().price(order),
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

    /** Per-second counts of what the engine and the publisher did while the caller called. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Written {
        /** Sampled calls that produced a result. */
        public long resultsMade;
        /** Candidates compared. */
        public long compared;
        /** Lines the publisher wrote: mismatches (the publisher writes only what needs attention). */
        public long mismatchLinesWritten;
        /** Sampled calls whose candidate never ran (at the cap, or the hand-off queue full): dropped uncompared. */
        public long candidatesSkipped;
        /** Results the full publishing queue dropped. */
        public long resultsDropped;

        private Totals atStart = Totals.NONE;

        /** Remembers the totals when an iteration starts. */
        @Setup(Level.Iteration)
        public void mark(JsonLinesThroughputBenchmark benchmark) {
            atStart = benchmark.totals();
        }

        /** What happened during the iteration (JMH divides by its length). */
        @TearDown(Level.Iteration)
        public void count(JsonLinesThroughputBenchmark benchmark) {
            Totals now = benchmark.totals();
            resultsMade = now.results() - atStart.results();
            compared = now.compared() - atStart.compared();
            mismatchLinesWritten = now.lines() - atStart.lines();
            candidatesSkipped = now.skipped() - atStart.skipped();
            resultsDropped = now.dropped() - atStart.dropped();
        }
    }

    /** Running totals of the engine's experiment, its publisher and the publisher alone. */
    record Totals(long results, long compared, long lines, long skipped, long dropped) {
        static final Totals NONE = new Totals(0, 0, 0, 0, 0);
    }

    Totals totals() {
        JsonLinesPublisher engine = engineFiles;
        JsonLinesPublisher alone = aloneFiles;
        long lines = (engine == null ? 0 : engine.stats().linesWritten())
                + (alone == null ? 0 : alone.stats().linesWritten());
        RuntimeLaboratory lab = laboratory;
        long dropped = lab == null ? 0 : lab.publishingStats().dropped();
        Experiment<Price> measured = experiment;
        if (measured == null) {
            return new Totals(0, 0, lines, 0, dropped);
        }
        ExperimentStats stats = measured.stats();
        return new Totals(
                stats.sampled(), SampledScenario.compared(stats), lines, stats.count(Outcome.SKIPPED), dropped);
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
        Experiment<Price> measured = experiment;
        System.out.println("\n[throughput] engine side: " + engine + "; publisher alone: "
                + (alone == null ? null : alone.stats()) + (measured == null ? "" : "\n" + measured.stats()));
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
