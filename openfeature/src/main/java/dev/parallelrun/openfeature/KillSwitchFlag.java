package dev.parallelrun.openfeature;

import dev.openfeature.sdk.Client;
import java.util.function.BooleanSupplier;

/**
 * The kill switch of a laboratory (or of one experiment, through {@code runIf(() -> !flag.getAsBoolean())}) from a
 * boolean flag, read on every call: true stops sampling.
 *
 * {@snippet :
 * RuntimeLaboratory.builder().killSwitch(flags.killSwitch("parallel-run-kill")).build();
 * }
 *
 * <p><b>Safe value.</b> A flag that is missing, of another type or failing gives true, counted ({@link #faults()}):
 * while the switch cannot be read, nothing is sampled, as the laboratory does with a switch that throws. The
 * application's own calls are never affected by a kill switch. Never throws.
 */
public final class KillSwitchFlag extends Flag implements BooleanSupplier {

    KillSwitchFlag(Client client, String key) {
        super(client, key, "a kill switch", "kill switch flag");
    }

    /** True when the flag says stop, or cannot be read. */
    @Override
    public boolean getAsBoolean() {
        return read(client -> client.getBooleanDetails(key(), true), true, () -> "true (stopped)");
    }
}
