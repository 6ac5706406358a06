package dev.parallelrun.experiment;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** A probability read on every call: a feature flag whose 0 is the kill switch. */
record DynamicRate(DoubleSupplier rate) implements Sampler {

    @Override
    public boolean sample(String experiment, Call call) {
        double now = rate.getAsDouble();
        if (!(now > 0)) {
            return false; // 0, negative or NaN: off
        }
        return now >= 1 || ThreadLocalRandom.current().nextDouble() < now;
    }
}
