package dev.parallelrun.benchmarks.overhead;

import dev.parallelrun.benchmarks.workload.Order;
import dev.parallelrun.benchmarks.workload.Price;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.PublishingStats;
import dev.parallelrun.experiment.SkipReason;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Experiments of the engine sampled at 100%, one per kind of candidate (equal, mismatching, slow) and one for
 * {@code runAsync} with the equal candidate, in one laboratory with no publisher. The caller gets the control's
 * value as soon as the control is done, so the candidates of one iteration may still run in the next: the backlog
 * is bounded by {@code maxConcurrentCandidates} (past it a candidate is skipped) and by the publishing queue (past
 * it a result is dropped), and both are counted.
 *
 * <p>The cap is {@value #MAX_CONCURRENT_CANDIDATES} candidates in flight, for the engine as for the home-made
 * versions: the performance targets are stated with it.
 *
 * <p>Two states count for JMH: {@link Counts} (candidates run, skipped in all, at the cap and because the hand-off
 * queue was full, results dropped, mismatches; summed over the measured iterations) and {@link Compared} (candidates
 * compared, per second). The trial's tear-down prints the platform threads and the heap (after a full GC) before and
 * after, and the most candidates that ran at once.
 *
 * <p>Shared by the benchmark ({@code Scope.Benchmark}): JMH gives every state that depends on a thread-scoped
 * state an instance of its own, and the counters must read the one the benchmark calls.
 */
@State(Scope.Benchmark)
public class SampledScenario {

    static final int MAX_CONCURRENT_CANDIDATES = 1_024;
    static final int QUEUE_CAPACITY = 10_000;

    private final InFlight inFlight = new InFlight();
    private @Nullable RuntimeLaboratory laboratory;
    private @Nullable Footprint atStart;
    Function<Order, Price> equal = Workload.LEGACY::price;
    Function<Order, Price> mismatching = Workload.LEGACY::price;
    Function<Order, Price> slow = Workload.LEGACY::price;
    /** For {@code runAsync}: the equal candidate, counted while it runs. */
    Function<Order, Price> asyncCandidate = Workload.REWRITTEN::price;

    Experiment<Price> async =
            Laboratory.noop().experiment("pricing-async", Price.class).build();

    /** Builds the laboratory and its three experiments. */
    @Setup(Level.Trial)
    public void build(Workload workload) {
        RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .queueCapacity(QUEUE_CAPACITY)
                .closeTimeout(Duration.ofSeconds(2))
                .build();
        laboratory = lab;
        equal = experiment(lab, "pricing-equal").wrap(Workload.LEGACY::price, inFlight.track(Workload.REWRITTEN));
        mismatching = experiment(lab, "pricing-mismatching")
                .wrap(Workload.LEGACY::price, inFlight.track(Workload.MISMATCHING));
        slow = experiment(lab, "pricing-slow").wrap(Workload.LEGACY::price, inFlight.track(Workload.SLOW));
        async = experiment(lab, "pricing-async");
        asyncCandidate = inFlight.track(Workload.REWRITTEN);
        int differing = 0;
        Order[] orders = workload.all();
        for (Order order : orders) {
            if (!Workload.LEGACY.price(order).equals(Workload.MISMATCHING.price(order))) {
                differing++;
            }
        }
        System.out.println(
                "\n[sampled] the mismatching candidate differs on " + differing + " of " + orders.length + " orders");
        atStart = Footprint.afterGc();
    }

    private static Experiment<Price> experiment(RuntimeLaboratory lab, String name) {
        return lab.experiment(name, Price.class)
                .sampleRate(1.0)
                .maxConcurrentCandidates(MAX_CONCURRENT_CANDIDATES)
                .build();
    }

    Totals totals() {
        RuntimeLaboratory lab = laboratory;
        if (lab == null) {
            return Totals.NONE;
        }
        long ran = 0;
        long compared = 0;
        long skipped = 0;
        long atCap = 0;
        long backlog = 0;
        long mismatched = 0;
        for (Experiment<?> experiment : lab.experiments()) {
            ExperimentStats stats = experiment.stats();
            ran += stats.total().ran();
            compared += compared(stats);
            skipped += stats.count(Outcome.SKIPPED);
            atCap += stats.skipped(SkipReason.CAP);
            backlog += stats.skipped(SkipReason.BACKLOG);
            mismatched += stats.count(Outcome.MISMATCH);
        }
        return new Totals(
                ran, compared, skipped, atCap, backlog, lab.publishingStats().dropped(), mismatched);
    }

    /** Candidates the engine compared: matched, mismatched, ignored or failed to compare. */
    public static long compared(ExperimentStats stats) {
        return stats.count(Outcome.MATCH)
                + stats.count(Outcome.MISMATCH)
                + stats.count(Outcome.IGNORED)
                + stats.count(Outcome.COMPARISON_FAILED);
    }

    /** Prints what the trial left behind, then closes the laboratory. */
    @TearDown(Level.Trial)
    public void report(BenchmarkParams params) {
        RuntimeLaboratory lab = laboratory;
        if (lab == null) {
            return;
        }
        Totals all = totals();
        PublishingStats publishing = lab.publishingStats();
        Footprint atEnd = Footprint.afterGc();
        System.out.println("\n[" + Scenarios.method(params) + "]"
                + " candidates ran " + all.ran() + ", compared " + all.compared() + ", skipped " + all.skipped()
                + " (at the cap " + all.atCap() + ", hand-off queue full " + all.backlog() + "), results dropped "
                + all.dropped() + ", mismatches " + all.mismatches()
                + "; at most " + inFlight.peak() + " candidates ran at once (cap " + MAX_CONCURRENT_CANDIDATES + "), "
                + inFlight.now() + " running now; publishing queue " + publishing.queued() + "/" + publishing.capacity()
                + "; before: " + atStart + "; after: " + atEnd);
        lab.close();
    }

    /** Counts summed over the laboratory's experiments. */
    record Totals(long ran, long compared, long skipped, long atCap, long backlog, long dropped, long mismatches) {
        static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0, 0);
    }

    /** JMH counters of what the engine did with the candidates, summed over the measured iterations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {

        /** Candidates run during the measured iterations. */
        public long candidatesRun;
        /** Candidates skipped, for any reason. */
        public long candidatesSkipped;
        /** Candidates skipped because {@value #MAX_CONCURRENT_CANDIDATES} were in flight. */
        public long skippedAtCap;
        /** Candidates skipped because the hand-off queue to the engine's dispatcher was full. */
        public long skippedBacklog;
        /** Results dropped because the publishing queue was full. */
        public long resultsDropped;
        /** Candidates whose value differed from the control's. */
        public long mismatches;

        private Totals atIterationStart = Totals.NONE;

        /** Remembers the counts at the start of an iteration. */
        @Setup(Level.Iteration)
        public void mark(SampledScenario scenario) {
            atIterationStart = scenario.totals();
        }

        /** Sets the counters to what happened during the iteration. */
        @TearDown(Level.Iteration)
        public void count(SampledScenario scenario) {
            Totals now = scenario.totals();
            candidatesRun = now.ran() - atIterationStart.ran();
            candidatesSkipped = now.skipped() - atIterationStart.skipped();
            skippedAtCap = now.atCap() - atIterationStart.atCap();
            skippedBacklog = now.backlog() - atIterationStart.backlog();
            resultsDropped = now.dropped() - atIterationStart.dropped();
            mismatches = now.mismatches() - atIterationStart.mismatches();
        }
    }

    /**
     * The engine's candidates compared during each iteration: a JMH counter of type {@code OPERATIONS}, which JMH
     * divides by the iteration's time, so it is a rate (in {@code AverageTime} mode JMH prints its inverse, the time
     * per comparison, and the result table turns it back into comparisons per second).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Compared {

        /** Candidates compared during the iteration: matched, mismatched, ignored or failed to compare. */
        public long compared;

        private long atIterationStart;

        /** Remembers the total when an iteration starts. */
        @Setup(Level.Iteration)
        public void mark(SampledScenario scenario) {
            atIterationStart = scenario.totals().compared();
        }

        /** What the iteration compared. */
        @TearDown(Level.Iteration)
        public void count(SampledScenario scenario) {
            compared = scenario.totals().compared() - atIterationStart;
        }
    }
}
