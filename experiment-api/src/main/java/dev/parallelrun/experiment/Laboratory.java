package dev.parallelrun.experiment;

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
