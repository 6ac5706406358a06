package dev.parallelrun.runtime.sampling;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Sampler;

/** Samples every call, or none. */
enum Constant implements Sampler {
    ALWAYS(true),
    NEVER(false);

    private final boolean decision;

    Constant(boolean decision) {
        this.decision = decision;
    }

    @Override
    public boolean sample(String experiment, Call call) {
        return decision;
    }

    @Override
    public String toString() {
        return decision ? "always" : "never";
    }
}
