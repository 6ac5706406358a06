package dev.parallelrun.experiment;

/**
 * Told about every fault an experiment catches (see {@link FaultSource}), like Scientist's {@code raised}: to
 * count them in the application's own metrics, or to fail a test. Set with
 * {@link ExperimentBuilder#onFault(FaultHandler)}.
 *
 * {@snippet :
 * lab.experiment("pricing-v2", Price.class)
 *         .onFault((source, fault) -> faults.counter(source.name()).increment())
 *         .build();
 * }
 *
 * <p>Called on the thread where the fault happened, which is the caller's own for {@link FaultSource#SAMPLER} and
 * {@link FaultSource#KILL_SWITCH}: keep it quick. What it throws is swallowed.
 */
@FunctionalInterface
public interface FaultHandler {

    /** One caught fault of {@code source}. */
    void onFault(FaultSource source, Throwable fault);
}
