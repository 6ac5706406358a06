package dev.parallelrun.experiment;

import java.util.concurrent.ThreadLocalRandom;

/** Each call independently with a fixed probability. */
record FixedRate(double rate) implements Sampler {

    @Override
    public boolean sample(String experiment, Call call) {
        return ThreadLocalRandom.current().nextDouble() < rate;
    }
}
