package dev.parallelrun.benchmarks.migration;

import dev.parallelrun.experiment.Call;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * What a migration adds to a read and to a write in each of its six stages ({@code @Param stage}), beside the same
 * work done directly on the stores: one read of a customer by id, one save of a customer, on in-memory stores that cost
 * a map lookup or a map replacement, so that what the migration adds shows, in time and in bytes. Run with
 * {@code -prof gc} for the bytes each call allocates ({@code gc.alloc.rate.norm}).
 *
 * <p>The baselines are measured in every stage, on the side the stage serves (the new store from LIVE on):
 * {@link #directRead} and {@link #directWrite}, and {@link #directWriteSides}, the stage's writes done by hand (the
 * authoritative side, then the other one where the stage writes both). {@link #read} and {@link #write} go through the
 * migration as its documentation shows, a {@link Call#keyed} per call and lambdas capturing the id and the customer;
 * reads are compared on 1% of calls in SHADOW and LIVE. {@link #readEveryCompared} compares every read (SHADOW and
 * LIVE only): the closed loop, where the caller's figure includes starting, or skipping at the cap, a candidate per call.
 *
 * <p>Each thread walks the 4,096 customers in turn; a write saves the next version of a customer, alternating between
 * two emails, so every save replaces an entry with another.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class MigrationBenchmark {

    private int cursor;

    /** The serving side's store read directly: the baseline of {@link #read}. */
    @Benchmark
    public Customer directRead(MigrationScenario scenario) {
        CustomerMigration customers = scenario.customers;
        return customers.serving.find(customers.ids[cursor++ & (CustomerMigration.CUSTOMERS - 1)]);
    }

    /** One read through the migration, compared on 1% of calls in SHADOW and LIVE. */
    @Benchmark
    public Customer read(MigrationScenario scenario) {
        return read(scenario.customers);
    }

    /** One read through the migration, every one compared: SHADOW and LIVE only. */
    @Benchmark
    public Customer readEveryCompared(EveryReadCompared scenario) {
        return read(scenario.customers);
    }

    private Customer read(CustomerMigration customers) {
        Long id = customers.ids[cursor++ & (CustomerMigration.CUSTOMERS - 1)];
        CustomerStore legacy = customers.oldStore;
        CustomerStore modern = customers.newStore;
        return customers.migration.read(Call.keyed(id), () -> legacy.find(id), () -> modern.find(id));
    }

    /** The authoritative side's store written directly: the baseline of {@link #write}. */
    @Benchmark
    public Customer directWrite(MigrationScenario scenario) {
        CustomerMigration customers = scenario.customers;
        int next = cursor++ & (2 * CustomerMigration.CUSTOMERS - 1);
        return customers.serving.save(customers.ids[next & (CustomerMigration.CUSTOMERS - 1)], customers.updates[next]);
    }

    /** The stage's writes done directly: the authoritative side, then the other one where the stage writes both. */
    @Benchmark
    public Customer directWriteSides(MigrationScenario scenario) {
        CustomerMigration customers = scenario.customers;
        int next = cursor++ & (2 * CustomerMigration.CUSTOMERS - 1);
        Long id = customers.ids[next & (CustomerMigration.CUSTOMERS - 1)];
        Customer customer = customers.updates[next];
        Customer saved = customers.serving.save(id, customer);
        CustomerStore second = customers.writtenSecond;
        if (second != null) {
            second.save(id, customer);
        }
        return saved;
    }

    /** One write through the migration: the authoritative side, then, on the caller's thread, the other one. */
    @Benchmark
    public Customer write(MigrationScenario scenario) {
        CustomerMigration customers = scenario.customers;
        int next = cursor++ & (2 * CustomerMigration.CUSTOMERS - 1);
        Long id = customers.ids[next & (CustomerMigration.CUSTOMERS - 1)];
        Customer customer = customers.updates[next];
        CustomerStore legacy = customers.oldStore;
        CustomerStore modern = customers.newStore;
        return customers.migration.write(
                Call.keyed(id), () -> legacy.save(id, customer), () -> modern.save(id, customer));
    }

    /** The benchmark's method name, for what the tear-downs print. */
    static String method(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }
}
