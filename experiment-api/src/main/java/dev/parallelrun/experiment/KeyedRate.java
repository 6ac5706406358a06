package dev.parallelrun.experiment;

import dev.parallelrun.experiment.spi.StableHash;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A sticky share of keys. A key's position in [0, 1) is a pure function of the experiment's name and the
 * key, the same on every JVM: FNV-1a 64 over the UTF-8 bytes of the name, one zero byte and the key, then
 * MurmurHash3's 64-bit finaliser, then the top 53 bits divided by 2^53 ({@link StableHash}). The key is
 * sampled when its position is below the rate, so raising the rate keeps every key already sampled.
 */
record KeyedRate(double rate) implements Sampler {

    @Override
    public boolean sample(String experiment, Call call) {
        String key = call.key();
        if (key == null) {
            return ThreadLocalRandom.current().nextDouble() < rate;
        }
        return position(experiment, key) < rate;
    }

    /** The position of {@code key} in [0, 1) for {@code experiment}. */
    static double position(String experiment, String key) {
        long hash = StableHash.addByte(StableHash.text(StableHash.START, experiment), 0);
        return StableHash.unitInterval(StableHash.finish(StableHash.text(hash, key)));
    }
}
