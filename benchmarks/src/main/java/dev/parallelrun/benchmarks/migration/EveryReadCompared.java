package dev.parallelrun.benchmarks.migration;

import dev.parallelrun.experiment.migration.Stage;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A migration in a stage that compares reads (SHADOW, LIVE), every read compared: the closed loop of the experiment
 * benchmarks, calls following each other far faster than the other side's reads finish on the candidate threads, so
 * most find the experiment's default cap of candidates in flight and are skipped (the tear-down prints the split).
 */
@State(Scope.Benchmark)
public class EveryReadCompared {

    /** The stage, fixed for the trial. */
    @Param({"SHADOW", "LIVE"})
    public Stage stage = Stage.SHADOW;

    CustomerMigration customers;

    /** Fills the stores and builds the migration. */
    @Setup(Level.Trial)
    public void build() {
        customers = new CustomerMigration(stage, 1.0);
    }

    /** Prints what the trial did and checks that the stage held. */
    @TearDown(Level.Trial)
    public void close(BenchmarkParams params) {
        customers.close(MigrationBenchmark.method(params));
    }
}
