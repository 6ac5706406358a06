package dev.parallelrun.runtime.sampling;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Sampler;

/** Samples no call. */
enum Never implements Sampler {
    INSTANCE;

    @Override
    public boolean sample(String experiment, Call call) {
        return false;
    }

    @Override
    public String toString() {
        return "never";
    }
}
