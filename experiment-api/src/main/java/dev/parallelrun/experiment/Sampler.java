package dev.parallelrun.experiment;

/**
 * Decides, before anything else happens, whether one call runs its candidates.
 *
 * <p>Called on the caller's thread for every call, so it must be cheap and must not allocate. A
 * sampler that throws means "not sampled": the fault is counted and the control runs alone. The
 * built-in samplers (fixed rate, keyed sticky rate, rate limit, dynamic rate, {@code runIf}) are in
 * {@code dev.parallelrun.runtime.sampling.Samplers}.
 */
@FunctionalInterface
public interface Sampler {

    /**
     * True when this call of {@code experiment} should run its candidates.
     *
     * @param experiment the experiment's name, for samplers that hash it with the call's key
     * @param call the call; {@link Call#none()} when the caller gave none
     */
    boolean sample(String experiment, Call call);
}
