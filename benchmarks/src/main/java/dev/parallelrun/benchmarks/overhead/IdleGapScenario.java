package dev.parallelrun.benchmarks.overhead;

import dev.parallelrun.benchmarks.peers.HomeMadeParallelRun;
import dev.parallelrun.benchmarks.workload.Order;
import dev.parallelrun.benchmarks.workload.Price;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * One way of running the equal candidate at 100%, chosen by the name of the benchmark method that uses it, called
 * once per idle gap. Before each call, untimed: wait until the previous call's candidate has run, sleep for
 * {@link #gap}, note the time. The candidate notes when it starts, so the tear-down can say how long candidates
 * waited after the gap.
 */
@State(Scope.Thread)
public class IdleGapScenario {

    /** Calls made in set-up, in groups of {@value #PRIMING_GROUP} waited for, so that the code is compiled. */
    static final int PRIMING = 20_000;

    private static final int PRIMING_GROUP = 64;

    /** The idle time before each call. */
    @Param({"2ms", "40ms"})
    public String gap = "2ms";

    Function<Order, Price> call = Workload.LEGACY::price;
    private final AtomicLong finished = new AtomicLong();
    private final LongSupplier candidatesFinished = finished::get;
    private volatile long candidateStartedAt;
    private boolean withCandidate;
    private long gapMillis;
    private long called;
    private long handedAt;
    private boolean measuring;
    private long[] startDelays = new long[1_024];
    private int delays;
    private @Nullable RuntimeLaboratory laboratory;
    private @Nullable Experiment<Price> measured;
    private @Nullable ExecutorService executor;

    /** Builds what the benchmark method named by {@code params} calls, and primes it. */
    @Setup(Level.Trial)
    public void build(BenchmarkParams params, Workload workload) {
        gapMillis = Long.parseLong(gap.replace("ms", "").trim());
        String method = Scenarios.method(params);
        Function<Order, Price> candidate = order -> {
            candidateStartedAt = System.nanoTime();
            try {
                return Workload.REWRITTEN.price(order);
            } finally {
                finished.incrementAndGet();
            }
        };
        Function<Order, Price> priming;
        switch (method) {
            case "direct" -> {
                call = Workload.LEGACY::price;
                priming = call;
            }
            case "engine" -> {
                RuntimeLaboratory lab = RuntimeLaboratory.builder()
                        .closeTimeout(Duration.ofSeconds(2))
                        .build();
                laboratory = lab;
                // primed on an experiment of its own, so the measured one's statistics hold the gaps' calls only
                priming = experiment(lab, "pricing-idle-priming").wrap(Workload.LEGACY::price, candidate);
                Experiment<Price> experiment = experiment(lab, "pricing-idle");
                measured = experiment;
                call = experiment.wrap(Workload.LEGACY::price, candidate);
            }
            case "homeMadeCommonPool", "homeMadeVirtualThreads" -> {
                ExecutorService pool =
                        method.equals("homeMadeCommonPool") ? null : Executors.newVirtualThreadPerTaskExecutor();
                executor = pool;
                call = new HomeMadeParallelRun<>(
                        Workload.LEGACY::price,
                        candidate,
                        1.0,
                        SampledScenario.MAX_CONCURRENT_CANDIDATES,
                        pool != null ? pool : ForkJoinPool.commonPool());
                priming = call;
            }
            default -> throw new IllegalStateException("no idle-gap scenario for benchmark method " + method);
        }
        withCandidate = !method.equals("direct");
        prime(priming, workload.all());
    }

    private static Experiment<Price> experiment(RuntimeLaboratory lab, String name) {
        return lab.experiment(name, Price.class)
                .sampleRate(1.0)
                .maxConcurrentCandidates(SampledScenario.MAX_CONCURRENT_CANDIDATES)
                .build();
    }

    private void prime(Function<Order, Price> priming, Order[] orders) {
        for (int i = 0; i < PRIMING; i++) {
            Price unused = priming.apply(orders[i % orders.length]);
            called++;
            if (i % PRIMING_GROUP == PRIMING_GROUP - 1) {
                awaitCandidate();
            }
        }
        awaitCandidate();
    }

    /** Whether the coming iteration's calls count in the start delays. */
    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
    }

    /** The gap, untimed: the machine is idle but for the sleep. */
    @Setup(Level.Invocation)
    public void idle() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(gapMillis);
        called++;
        handedAt = System.nanoTime();
    }

    /** Waits, untimed, for the call's candidate to run, and notes how long after the gap it started. */
    @TearDown(Level.Invocation)
    public void afterCall() {
        awaitCandidate();
        if (withCandidate && measuring) {
            if (delays == startDelays.length) {
                startDelays = Arrays.copyOf(startDelays, delays * 2);
            }
            startDelays[delays++] = candidateStartedAt - handedAt;
        }
    }

    private void awaitCandidate() {
        if (withCandidate) {
            Scenarios.awaitCandidates(candidatesFinished, called);
        }
    }

    /** Prints the candidates' start delays, the engine's own figures, and closes what the trial built. */
    @TearDown(Level.Trial)
    public void close(BenchmarkParams params) throws InterruptedException {
        String method = Scenarios.method(params);
        StringBuilder line = new StringBuilder("\n[idle gap " + gap + ", " + method + "]");
        if (withCandidate) {
            line.append(" candidate started after the gap: ").append(percentiles(startDelays, delays));
        }
        RuntimeLaboratory lab = laboratory;
        if (lab != null) {
            line.append("; ").append(engineFigures());
            line.append("; idle laboratory: ").append(LibraryThreads.idleCpu(500, 1_000));
            lab.close();
        }
        System.out.println(line);
        ExecutorService pool = executor;
        if (pool != null) {
            pool.close();
        }
    }

    /** The engine's own account of the measured experiment: how long its candidates waited to start. */
    private String engineFigures() {
        Experiment<Price> experiment = measured;
        if (experiment == null) {
            return "no engine";
        }
        ExperimentStats stats = experiment.stats();
        LatencySummary delay = stats.schedulingDelay();
        return "engine's schedulingDelay p50 " + LatencySummary.format(delay.p50()) + ", p99 "
                + LatencySummary.format(delay.p99()) + " (" + delay.count() + " candidates, warm-up shots included)";
    }

    private static String percentiles(long[] values, int count) {
        if (count == 0) {
            return "no measured call";
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return String.format(
                Locale.ROOT,
                "p50 %.1f µs, p99 %.1f µs, max %.1f µs (%d calls)",
                at(sorted, 0.50) / 1e3,
                at(sorted, 0.99) / 1e3,
                sorted[count - 1] / 1e3,
                count);
    }

    /** The nearest-rank percentile of sorted values. */
    private static long at(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
