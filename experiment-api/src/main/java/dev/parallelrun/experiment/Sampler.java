package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import java.util.function.DoubleSupplier;

/**
 * Decides, before anything else happens, whether one call runs its candidates.
 *
 * <p>Called on the caller's thread for every call, so it must be cheap and must not allocate. A sampler that
 * throws means "not sampled": the fault is counted and the control runs alone. The stock samplers are here:
 *
 * {@snippet :
 * lab.experiment("pricing-v2", Price.class).sampleRate(0.05).build();                       // 5% of calls, at random
 * lab.experiment("pricing-v2", Price.class).sampler(Sampler.keyed(0.05)).build();           // sticky 5% of keys
 * lab.experiment("search-v3", Hits.class).sampler(Sampler.rateLimit(50)).build();           // at most 50 a second
 * lab.experiment("store-read", Row.class).sampler(Sampler.dynamic(flags::storeRate)).build(); // a flag; 0 is off
 * }
 *
 * <p>A plain rate ({@link #fixed(double)}, which {@code sampleRate} is) draws at random on every call, keyed or
 * not: over time every key gets compared. {@link #keyed(double)} is sticky: a key gets the same decision on every
 * call and on every JVM, so one customer's calls are compared together.
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

    /** Every call. */
    static Sampler always() {
        return ConstantSampler.ALWAYS;
    }

    /** No call. */
    static Sampler never() {
        return ConstantSampler.NEVER;
    }

    /**
     * Each call independently with probability {@code rate}, in [0, 1]: one {@code ThreadLocalRandom} draw.
     *
     * @throws IllegalArgumentException when {@code rate} is outside [0, 1] or NaN
     */
    static Sampler fixed(double rate) {
        checkRate(rate);
        return rate >= 1 ? always() : rate <= 0 ? never() : new FixedRate(rate);
    }

    /**
     * A sticky share {@code rate} of keys: the decision is a pure function of the experiment's name and the
     * call's key, so a key gets the same decision on every call and on every JVM of the fleet, and raising the
     * rate keeps every key already sampled. Calls without a key are drawn at random at the same rate.
     *
     * @throws IllegalArgumentException when {@code rate} is outside [0, 1] or NaN
     */
    static Sampler keyed(double rate) {
        checkRate(rate);
        return new KeyedRate(rate);
    }

    /**
     * At most {@code perSecond} sampled calls per second, sustained, with bursts of at most one second's worth,
     * so a parallel run cannot double production load.
     *
     * @throws IllegalArgumentException when {@code perSecond} is not a positive finite number
     */
    static Sampler rateLimit(double perSecond) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rateLimit: perSecond must be a positive number, was " + perSecond);
        }
        return new RateLimit(perSecond);
    }

    /**
     * A rate read from {@code rate} on every call, for a feature flag: 0 (or less, or NaN) is off, 1 (or more)
     * samples every call.
     */
    static Sampler dynamic(DoubleSupplier rate) {
        return new DynamicRate(requireNonNull(rate, "rate"));
    }

    private static void checkRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be in [0, 1], was " + rate);
        }
    }
}
