package dev.parallelrun.experiment;

import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.MigrationBuilder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where experiments are made and their results published: one per application, shared, closed on
 * shutdown. The engine that implements it is {@code dev.parallelrun.runtime.RuntimeLaboratory} in
 * {@code experiment-runtime}; {@link #noop()} runs every control and nothing else.
 *
 * {@snippet :
 * Laboratory lab = RuntimeLaboratory.builder()
 *         .publisher(new MicrometerPublisher(registry))
 *         .publisher(JsonLinesPublisher.to(Path.of("mismatches")))
 *         .build();
 *
 * Experiment<Price> pricing = lab.experiment("pricing-v2", Price.class)
 *         .sampleRate(0.05)
 *         .build();
 * }
 */
public interface Laboratory extends AutoCloseable {

    /** A laboratory whose experiments run the control and nothing else: nothing is sampled or published. */
    static Laboratory noop() {
        return NoopLaboratory.INSTANCE;
    }

    /**
     * Starts the options of a new experiment; {@link ExperimentBuilder#build()} checks them and refuses
     * a name already used in this laboratory.
     *
     * @param name letters, digits, '.', '_', ':' or '-'; shown in metrics, traces and reports
     * @param type the value type, for type inference only
     */
    <T extends @Nullable Object> ExperimentBuilder<T> experiment(String name, Class<T> type);

    /** As {@link #experiment(String, Class)}, for generic value types: {@code lab.<List<Price>>experiment("x")}. */
    <T extends @Nullable Object> ExperimentBuilder<T> experiment(String name);

    /**
     * Starts the options of a new migration; {@link MigrationBuilder#build()} checks them, refuses a name already
     * used in this laboratory, and builds the migration's two read experiments, named after it with
     * {@code ":shadow"} and {@code ":live"}. A migration of {@link #noop()} serves every call from the side its
     * stage says and writes the sides its stage says, and compares nothing, records nothing and never rolls back.
     *
     * {@snippet :
     * Migration<Customer> customers = lab.migration("customer-store", Customer.class)
     *         .stage(flags::customerStoreStage)
     *         .reads(options -> options.sampleRate(0.05))
     *         .build();
     * }
     *
     * @param name letters, digits, '.', '_' or '-', at most 93; shown in metrics, traces and reports
     * @param readType the type reads return, for type inference only
     */
    <R extends @Nullable Object> MigrationBuilder<R> migration(String name, Class<R> readType);

    /** As {@link #migration(String, Class)}, for generic read types: {@code lab.<List<Order>>migration("orders")}. */
    <R extends @Nullable Object> MigrationBuilder<R> migration(String name);

    /** The migrations built in this laboratory, in the order they were built. */
    List<Migration<?>> migrations();

    /** The kill switch: until {@link #resume()}, no call of any experiment is sampled. */
    void pause();

    /** Lets experiments sample calls again after {@link #pause()}. */
    void resume();

    /** True while paused by {@link #pause()} or by the kill-switch supplier the laboratory was built with. */
    boolean paused();

    /** The experiments built in this laboratory, in the order they were built. */
    List<Experiment<?>> experiments();

    /** The state of the publishing pipeline. */
    PublishingStats publishingStats();

    /**
     * Stops sampling, drains what is queued to the publishers within the laboratory's close deadline,
     * then closes them. Experiments keep working afterwards: they run the control and nothing else.
     */
    @Override
    void close();

    /** True once {@link #close()} has been called. */
    boolean closed();
}
