package dev.parallelrun.examples.pricing;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.publisher.jsonlines.JsonLinesPublisher;
import dev.parallelrun.publisher.micrometer.MicrometerPublisher;
import dev.parallelrun.report.HtmlReport;
import dev.parallelrun.report.ReportReader;
import dev.parallelrun.report.Summary;
import dev.parallelrun.report.TerminalReport;
import dev.parallelrun.runtime.RuntimeLaboratory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * A pricing migration, run as a parallel run: the legacy pricing code serves every order, the new engine
 * runs beside it on 8% of them, and what differs goes to Micrometer and to JSON Lines files, each mismatch with the
 * order it was priced for (the customer's e-mail address redacted), so it can be replayed in a test. At the end it
 * prints each experiment's stats and readiness verdict, a few meters and what the planted edge cases should
 * look like, then reads the JSON Lines back into the report: printed here, and written as one HTML page.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am -DskipTests package exec:exec}; arguments:
 * {@code [orders] [output directory]}.
 */
public final class PricingMigrationDemo {

    private static final int CALLER_THREADS = 4;
    // each caller serves about 5,000 orders a second, like request threads that also wait on I/O
    private static final long PAUSE_BETWEEN_ORDERS_NANOS = 200_000;

    private PricingMigrationDemo() {}

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        Path output = Path.of(args.length > 1 ? args[1] : "demo-output")
                .toAbsolutePath()
                .normalize();
        System.exit(run(orders, output, Duration.ofMillis(250), System.out) ? 0 : 1);
    }

    /** Runs the demo; true when it did what it should (not whether the engine is ready). */
    static boolean run(int orders, Path output, Duration candidateTimeout, PrintStream out) throws Exception {
        Path lines = output.resolve("jsonl");
        clean(lines);
        Clock clock = Clock.systemUTC();
        LegacyPricing legacy = new LegacyPricing(clock);
        PricingEngine engine = new PricingEngine(clock);
        PlantedCases planted = new PlantedCases();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        JsonLinesPublisher jsonLines = JsonLinesPublisher.builder(lines)
                .summaryInterval(Duration.ofSeconds(1))
                .build();

        List<ExperimentStats> stats = new ArrayList<>();
        RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(new MicrometerPublisher(registry))
                .publisher(jsonLines)
                .build();
        try {
            Experiment<Price> pricing = lab.experiment("pricing-v2", Price.class)
                    .sampleRate(0.08) // 8% of orders also run the new engine
                    .candidateTimeout(candidateTimeout)
                    .ignorePaths("/quotedAt") // a clock reading: differs on every call
                    .expiresOn(LocalDate.now(clock).plusMonths(3)) // parallel runs must not become permanent
                    .captureInputs() // each mismatch keeps its order, to replay
                    .redactPaths("/customerEmail") // ...but never the customer's e-mail address
                    .build();
            Experiment<Receipt> receipts =
                    lab.experiment("receipt-v2", Receipt.class).sampleRate(0.02).build();

            Orders source = new Orders(20261125L);
            List<Order> all = new ArrayList<>(orders);
            for (int i = 0; i < orders; i++) {
                all.add(source.next());
            }
            long start = System.nanoTime();
            try (ExecutorService callers = Executors.newFixedThreadPool(CALLER_THREADS)) {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < CALLER_THREADS; t++) {
                    int first = t;
                    done.add(callers.submit(() -> {
                        for (int i = first; i < all.size(); i += CALLER_THREADS) {
                            Order order = all.get(i);
                            Price price = pricing.run(
                                    Call.keyed(order.customerId())
                                            .with("order", order.id())
                                            .with("currency", order.currency())
                                            .input(order),
                                    () -> legacy.price(order),
                                    () -> {
                                        planted.classify(order);
                                        return engine.price(order);
                                    });
                            receipts.run(
                                    Call.keyed(order.id()),
                                    () -> Receipts.legacy(order, price),
                                    () -> Receipts.renewed(order, price));
                            LockSupport.parkNanos(PAUSE_BETWEEN_ORDERS_NANOS);
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            out.printf(
                    Locale.ROOT,
                    "%n%,d orders priced by %d caller threads in %d ms%n",
                    orders,
                    CALLER_THREADS,
                    took.toMillis());
        } finally {
            lab.close(); // drains what is queued, writes the last summaries
        }
        for (var experiment : lab.experiments()) {
            stats.add(experiment.stats());
        }
        for (ExperimentStats experiment : stats) {
            print(experiment, out);
        }
        out.printf(
                Locale.ROOT,
                "%nPlanted edge cases among the %,d sampled pricing calls (judged from the orders alone):%n",
                planted.sampled.sum());
        out.printf(
                Locale.ROOT,
                "  zero-decimal currency with a coupon, discount with cents: %,d  -> replace /discount, replace /total%n",
                planted.fractionalDiscountInZeroDecimalCurrency.sum());
        out.printf(
                Locale.ROOT,
                "  empty cart:                                               %,d  -> remove /discount%n",
                planted.emptyCart.sum());
        out.printf("%nMicrometer (SimpleMeterRegistry):%n");
        registry.find(MicrometerPublisher.RUNS).counters().stream()
                .sorted(java.util.Comparator.comparing(
                        c -> c.getId().getTag("experiment") + c.getId().getTag("outcome")))
                .filter(c -> c.count() > 0)
                .forEach(c -> out.printf(
                        Locale.ROOT,
                        "  %s{experiment=%s, candidate=%s, outcome=%s} %,.0f%n",
                        c.getId().getName(),
                        c.getId().getTag("experiment"),
                        c.getId().getTag("candidate"),
                        c.getId().getTag("outcome"),
                        c.count()));
        registry.find(MicrometerPublisher.DURATION)
                .timers()
                .forEach(timer -> out.printf(
                        Locale.ROOT,
                        "  %s{experiment=%s, behavior=%s} count %,d, mean %.1f µs%n",
                        timer.getId().getName(),
                        timer.getId().getTag("experiment"),
                        timer.getId().getTag("behavior"),
                        timer.count(),
                        timer.mean(java.util.concurrent.TimeUnit.NANOSECONDS) / 1_000));
        out.printf(
                Locale.ROOT,
                "%nJSON Lines: %,d lines, %,d bytes in %s%n",
                jsonLines.stats().linesWritten(),
                jsonLines.stats().bytesWritten(),
                lines);

        // what people look at: the report over those files, in the terminal and as one HTML page
        Summary summary = ReportReader.builder().build().read(List.of(lines));
        out.printf("%n");
        new TerminalReport(TerminalReport.Style.plain()).print(summary, out);
        Path html = output.resolve("report.html");
        HtmlReport.write(summary, html);
        out.printf(
                "%nThe report is in %s (one self-contained page: open it in a browser, no network needed).%n",
                html.toUri());
        out.printf("Each pricing-v2 mismatch carries its order (e-mail redacted): put a group's \"replay in a test\""
                + " line on a @ParameterizedTest to replay it (examples/src/test/.../PricingReplayTest does).%n");
        return jsonLines.stats().linesWritten() > 0 && summary.experiments().size() == 2;
    }

    private static void print(ExperimentStats stats, PrintStream out) {
        out.printf(Locale.ROOT, "%nexperiment %s: %,d sampled calls%n", stats.experiment(), stats.sampled());
        for (Outcome outcome : Outcome.values()) {
            long count = stats.count(outcome);
            if (count > 0) {
                out.printf(Locale.ROOT, "  %-18s %,8d%n", outcome, count);
            }
        }
        out.printf(Locale.ROOT, "  mismatch rate      %8.3f%%%n", stats.mismatchRate() * 100);
        out.printf(Locale.ROOT, "  candidate errors   %8.3f%%%n", stats.candidateErrorRate() * 100);
        StringBuilder why = new StringBuilder();
        stats.skipped().forEach((reason, count) -> {
            if (count > 0) {
                why.append(why.isEmpty() ? " (" : ", ")
                        .append(reason)
                        .append(' ')
                        .append(String.format(Locale.ROOT, "%,d", count));
            }
        });
        out.printf(
                Locale.ROOT,
                "  skipped share      %8.3f%%%s%n",
                Double.isNaN(stats.skippedShare()) ? 0.0 : stats.skippedShare() * 100,
                why.isEmpty() ? "" : why + ")");
        out.printf(
                Locale.ROOT,
                "  waited to start    p50 %s, p99 %s (from sampling to the candidate's start)%n",
                micros(stats.schedulingDelay().p50()),
                micros(stats.schedulingDelay().p99()));
        out.printf(
                Locale.ROOT,
                "  latency p50/p99    control %s / %s, candidate %s / %s (p99 ratio %.2fx)%n",
                micros(stats.control().p50()),
                micros(stats.control().p99()),
                micros(stats.candidateLatency().p50()),
                micros(stats.candidateLatency().p99()),
                stats.p99Ratio());
        for (CandidateStats candidate : stats.candidates()) {
            out.printf(
                    Locale.ROOT,
                    "  candidate '%s': mismatch rate %.3f%%%n",
                    candidate.candidate(),
                    candidate.mismatchRate() * 100);
        }
        if (stats.expiresOn() != null) {
            out.printf("  expires on         %s%s%n", stats.expiresOn(), stats.expired() ? "  ** EXPIRED **" : "");
        }
        out.printf(
                "  latency floor      %s (a p99 ratio above the limit passes when within it)%n",
                micros(stats.criteria().latencyFloor()));
        out.printf("  readiness          %s%n", stats.readiness().verdict());
    }

    private static String micros(Duration duration) {
        return String.format(Locale.ROOT, "%.1fµs", duration.toNanos() / 1_000.0);
    }

    private static void clean(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            try (var files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                        .toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
