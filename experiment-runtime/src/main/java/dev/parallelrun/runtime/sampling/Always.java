package dev.parallelrun.runtime.sampling;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Sampler;

/** Samples every call. */
enum Always implements Sampler {
    INSTANCE;

    @Override
    public boolean sample(String experiment, Call call) {
        return true;
    }

    @Override
    public String toString() {
        return "always";
    }
}
