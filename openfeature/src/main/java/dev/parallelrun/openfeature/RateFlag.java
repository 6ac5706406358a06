package dev.parallelrun.openfeature;

import dev.openfeature.sdk.Client;
import dev.parallelrun.experiment.Sampler;
import java.util.function.DoubleSupplier;

/**
 * An experiment's sample rate from a number flag in [0, 1], read on every call: {@link #sampler()} samples that
 * share of calls ({@link Sampler#dynamic}), so a flag change takes effect on the next call, and 0 stops comparing.
 *
 * <p><b>Safe value.</b> A flag that is missing, of another type, failing, or outside [0, 1] gives 0, counted
 * ({@link #faults()}): a broken flag turns comparisons off rather than on, so it can never multiply the load on the
 * candidate's side. Never throws.
 */
public final class RateFlag extends Flag implements DoubleSupplier {

    RateFlag(Client client, String key) {
        super(client, key, "a sample rate", "rate flag");
    }

    /** The flag's rate, or 0. */
    @Override
    public double getAsDouble() {
        double rate = read(client -> client.getDoubleDetails(key(), 0.0), 0.0, () -> "0");
        if (!(rate >= 0 && rate <= 1)) {
            fault(FlagFault.BAD_VALUE, rate + " is outside [0, 1]", () -> "0");
            return 0;
        }
        return rate;
    }

    /** A sampler that samples the flag's share of calls, read on every call. */
    public Sampler sampler() {
        return Sampler.dynamic(this);
    }
}
