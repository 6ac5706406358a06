package dev.parallelrun.benchmarks.overhead;

import com.github.rawls238.scientist4j.Experiment;
import com.github.rawls238.scientist4j.ExperimentBuilder;
import dev.parallelrun.benchmarks.workload.Price;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A Scientist4J 0.6 experiment as its README builds one (equals as the comparator, its own metric
 * registry). Scientist4J has no sampling: every call runs the candidate. {@code run} runs control and
 * candidate one after the other on the caller's thread, in random order; {@code runAsync} runs both on
 * its executor and waits for the control. The executor is the two-thread pool Scientist4J makes by
 * default, with daemon threads so a benchmark fork can end.
 */
@State(Scope.Benchmark)
public class Scientist4jScenario {

    private final ExecutorService executor = Executors.newFixedThreadPool(
            2, Thread.ofPlatform().name("scientist4j-", 0).daemon(true).factory());
    final Experiment<Price> experiment = new ExperimentBuilder<Price>()
            .withName("pricing")
            .withExecutorService(executor)
            .build();

    /** Nothing to build: the fields are the experiment. */
    @Setup(Level.Trial)
    public void build() {
        if (experiment.getRaiseOnMismatch()) {
            throw new IllegalStateException("Scientist4J must not raise on mismatch in this benchmark");
        }
    }

    /** Stops the executor. */
    @TearDown(Level.Trial)
    public void close() {
        executor.shutdownNow();
    }
}
