package dev.parallelrun.runtime.sampling;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.Sampler;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/**
 * The built-in samplers. Each is called on the caller's thread on every call, allocates nothing and
 * reads no clock except {@link #rateLimit(double)}, which must.
 *
 * {@snippet :
 * lab.experiment("pricing-v2", Price.class).sampler(Samplers.keyed(0.05)).build();      // sticky 5%
 * lab.experiment("search-v3", Hits.class).sampler(Samplers.rateLimit(50)).build();       // <= 50 per second
 * lab.experiment("store-read", Row.class).sampler(Samplers.dynamic(flags::storeRate)).build(); // 0 turns it off
 * }
 */
public final class Samplers {

    private Samplers() {}

    /** Every call. */
    public static Sampler always() {
        return Constant.ALWAYS;
    }

    /** No call. */
    public static Sampler never() {
        return Constant.NEVER;
    }

    /** Each call independently with probability {@code rate}, in [0, 1]. */
    public static Sampler fixed(double rate) {
        checkRate("rate", rate);
        return rate >= 1 ? always() : rate <= 0 ? never() : new FixedRate(rate);
    }

    /**
     * A sticky share {@code rate} of keys: the decision is a pure function of the experiment's name and the
     * call's key (see {@link KeyedRate#position(String, String)}), so a key gets the same decision on every
     * call and on every JVM of the fleet. Calls without a key are sampled at random at the same rate.
     */
    public static Sampler keyed(double rate) {
        checkRate("rate", rate);
        return new KeyedRate(rate);
    }

    /**
     * At most {@code perSecond} sampled calls per second, sustained, with bursts of at most one second's
     * worth, so a parallel run cannot double production load.
     */
    public static Sampler rateLimit(double perSecond) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rateLimit: perSecond must be a positive number, was " + perSecond);
        }
        return new RateLimit(perSecond);
    }

    /**
     * A rate read from {@code rate} on every call, for a feature flag: 0 (or less, or NaN) is off, 1 (or
     * more) samples every call.
     */
    public static Sampler dynamic(DoubleSupplier rate) {
        return new DynamicRate(requireNonNull(rate, "rate"));
    }

    /** The calls for which {@code condition} holds. */
    public static Sampler runIf(BooleanSupplier condition) {
        requireNonNull(condition, "condition");
        return (experiment, call) -> condition.getAsBoolean();
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + rate);
        }
    }
}
