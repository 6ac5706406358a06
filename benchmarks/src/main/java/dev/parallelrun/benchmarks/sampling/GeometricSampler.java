package dev.parallelrun.benchmarks.sampling;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Sampler;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * A sampler that draws a random number only on sampled calls: it draws how many calls to let pass before the next
 * sampled one (a geometric gap, so each call is still sampled with probability {@code rate}), then counts them
 * down. An unsampled call costs a decrement and a comparison instead of a random draw.
 *
 * <p>The countdown is a plain field shared by every thread, read and written without synchronisation: threads
 * that race lose decrements (which stretches a gap) or both take the same sampled call's turn (which adds one).
 * The rate stays about right, which is all sampling promises, at no cost of a lock or an atomic instruction. A
 * change of the rate applies from the next sampled call on.
 */
public final class GeometricSampler implements Sampler {

    private final DoubleSupplier rate;
    private long countdown;

    /** @param rate the share of calls to sample, asked at each sampled call; 0 or less: none, 1 or more: all */
    public GeometricSampler(DoubleSupplier rate) {
        this.rate = requireNonNull(rate, "rate");
        this.countdown = gap(rate.getAsDouble());
    }

    @Override
    public boolean sample(String experiment, Call call) {
        if (--countdown > 0) {
            return false;
        }
        countdown = gap(rate.getAsDouble());
        return true;
    }

    /** Calls from one sampled call to the next, at least 1: geometric with success probability {@code rate}. */
    static long gap(double rate) {
        if (rate >= 1) {
            return 1;
        }
        if (!(rate > 0)) {
            return Long.MAX_VALUE; // 0, negative or NaN: off (the next sample is ~3e11 years away at 1 GHz)
        }
        double uniform = 1 - ThreadLocalRandom.current().nextDouble(); // in (0, 1]
        double gap = Math.floor(Math.log(uniform) / Math.log1p(-rate)) + 1;
        return gap >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) gap;
    }
}
