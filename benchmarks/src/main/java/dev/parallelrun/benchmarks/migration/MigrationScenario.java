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
 * A migration in one stage, its reads compared on {@value #SAMPLE_RATE_PERCENT}% of calls (in SHADOW and LIVE, the
 * stages that compare): a rate a team runs for weeks. At that rate the sampled branch runs often enough for the JIT to
 * compile it as it is in production, so no priming is needed.
 */
@State(Scope.Benchmark)
public class MigrationScenario {

    static final int SAMPLE_RATE_PERCENT = 1;

    /** The stage, fixed for the trial. */
    @Param({"OFF", "DUAL_WRITE", "SHADOW", "LIVE", "RAMP_DOWN", "COMPLETE"})
    public Stage stage = Stage.OFF;

    CustomerMigration customers;

    /** Fills the stores and builds the migration. */
    @Setup(Level.Trial)
    public void build() {
        customers = new CustomerMigration(stage, SAMPLE_RATE_PERCENT / 100.0);
    }

    /** Prints what the trial did and checks that the stage held. */
    @TearDown(Level.Trial)
    public void close(BenchmarkParams params) {
        customers.close(MigrationBenchmark.method(params));
    }
}
