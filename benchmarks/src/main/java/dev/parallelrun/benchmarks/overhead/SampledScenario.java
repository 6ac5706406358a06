package dev.parallelrun.benchmarks.overhead;

import dev.parallelrun.benchmarks.workload.Order;
import dev.parallelrun.benchmarks.workload.Price;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.PublishingStats;
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
 * Experiments of the engine sampled at 100%, one per kind of candidate (equal, mismatching, slow), in one
 * laboratory with no publisher. The caller gets the control's value as soon as the control is done, so
 * the candidates of one iteration may still run in the next: the backlog is bounded by
 * {@code maxConcurrentCandidates} (past it a candidate is skipped) and by the publishing queue (past it a
 * result is dropped), and both are counted.
 *
 * <p>The public fields are JMH counters: how many candidates ran, were skipped, how many results were
 * dropped and how many mismatched, summed over the measured iterations. The trial's tear-down prints the
 * platform threads and the heap (after a full GC) before and after, and the most candidates that ran at
 * once.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class SampledScenario {

    static final int MAX_CONCURRENT_CANDIDATES = 64;
    static final int QUEUE_CAPACITY = 10_000;

    /** Candidates run during the measured iterations. */
    public long candidatesRun;
    /** Candidates skipped because {@value #MAX_CONCURRENT_CANDIDATES} were running. */
    public long candidatesSkipped;
    /** Results dropped because the publishing queue was full. */
    public long resultsDropped;
    /** Candidates whose value differed from the control's. */
    public long mismatches;

    private final InFlight inFlight = new InFlight();
    private @Nullable RuntimeLaboratory laboratory;
    private Totals atIterationStart = Totals.NONE;
    private @Nullable Footprint atStart;
    Function<Order, Price> equal = Workload.LEGACY::price;
    Function<Order, Price> mismatching = Workload.LEGACY::price;
    Function<Order, Price> slow = Workload.LEGACY::price;

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
        int differing = 0;
        Order[] orders = workload.all();
        for (Order order : orders) {
            if (!Workload.LEGACY.price(order).equals(Workload.MISMATCHING.price(order))) {
                differing++;
            }
        }
        System.out.println("\n[sampled] the mismatching candidate differs on " + differing + " of " + orders.length
                + " orders");
        atStart = Footprint.afterGc();
    }

    private static Experiment<Price> experiment(RuntimeLaboratory lab, String name) {
        return lab.experiment(name, Price.class)
                .sampleRate(1.0)
                .maxConcurrentCandidates(MAX_CONCURRENT_CANDIDATES)
                .build();
    }

    /** Remembers the counts at the start of an iteration. */
    @Setup(Level.Iteration)
    public void markIteration() {
        atIterationStart = totals();
    }

    /** Sets the counters to what happened during the iteration. */
    @TearDown(Level.Iteration)
    public void countIteration() {
        Totals now = totals();
        candidatesRun = now.ran() - atIterationStart.ran();
        candidatesSkipped = now.skipped() - atIterationStart.skipped();
        resultsDropped = now.dropped() - atIterationStart.dropped();
        mismatches = now.mismatches() - atIterationStart.mismatches();
    }

    private Totals totals() {
        RuntimeLaboratory lab = laboratory;
        if (lab == null) {
            return Totals.NONE;
        }
        long ran = 0;
        long skipped = 0;
        long mismatched = 0;
        for (Experiment<?> experiment : lab.experiments()) {
            ExperimentStats stats = experiment.stats();
            ran += stats.total().ran();
            skipped += stats.count(Outcome.SKIPPED);
            mismatched += stats.count(Outcome.MISMATCH);
        }
        return new Totals(ran, skipped, lab.publishingStats().dropped(), mismatched);
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
        System.out.println("\n[" + params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1) + "]"
                + " candidates ran " + all.ran() + ", skipped " + all.skipped() + ", results dropped " + all.dropped()
                + ", mismatches " + all.mismatches()
                + "; at most " + inFlight.peak() + " candidates ran at once (cap " + MAX_CONCURRENT_CANDIDATES + "), "
                + inFlight.now() + " running now; publishing queue " + publishing.queued() + "/" + publishing.capacity()
                + "; before: " + atStart + "; after: " + atEnd);
        lab.close();
    }

    /** Counts summed over the laboratory's experiments. */
    private record Totals(long ran, long skipped, long dropped, long mismatches) {
        static final Totals NONE = new Totals(0, 0, 0, 0);
    }
}
