package dev.parallelrun.runtime.sampling;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Sampler;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A sticky share of keys. A key's position in [0, 1) is a pure function of the experiment's name and the
 * key, the same on every JVM: FNV-1a 64 over the UTF-8 bytes of the name, one zero byte and the key, then
 * MurmurHash3's 64-bit finaliser, then the top 53 bits divided by 2^53. The key is sampled when its position
 * is below the rate, so raising the rate keeps every key already sampled.
 */
record KeyedRate(double rate) implements Sampler {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

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
        long hash = FNV_OFFSET;
        hash = utf8(hash, experiment);
        hash = (hash ^ 0) * FNV_PRIME;
        hash = utf8(hash, key);
        return (fmix64(hash) >>> 11) * 0x1.0p-53;
    }

    // Encodes UTF-8 on the fly so sampling allocates nothing.
    private static long utf8(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            int c = text.charAt(i);
            if (Character.isHighSurrogate((char) c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                c = Character.toCodePoint((char) c, text.charAt(++i));
            } else if (Character.isSurrogate((char) c)) {
                c = '?'; // a lone surrogate encodes as '?', as String.getBytes does
            }
            if (c < 0x80) {
                hash = byteHash(hash, c);
            } else if (c < 0x800) {
                hash = byteHash(byteHash(hash, 0xC0 | c >> 6), 0x80 | c & 0x3F);
            } else if (c < 0x10000) {
                hash = byteHash(byteHash(byteHash(hash, 0xE0 | c >> 12), 0x80 | c >> 6 & 0x3F), 0x80 | c & 0x3F);
            } else {
                hash = byteHash(byteHash(byteHash(byteHash(hash, 0xF0 | c >> 18), 0x80 | c >> 12 & 0x3F),
                        0x80 | c >> 6 & 0x3F), 0x80 | c & 0x3F);
            }
        }
        return hash;
    }

    private static long byteHash(long hash, int b) {
        return (hash ^ (b & 0xFF)) * FNV_PRIME;
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
