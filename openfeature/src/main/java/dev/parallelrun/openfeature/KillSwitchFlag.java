package dev.parallelrun.openfeature;

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
public final class KillSwitchFlag implements BooleanSupplier {

    private final Evaluations evaluations;

    KillSwitchFlag(Evaluations evaluations) {
        this.evaluations = evaluations;
    }

    /** True when the flag says stop, or cannot be read. */
    @Override
    public boolean getAsBoolean() {
        Boolean stop = evaluations.evaluate(client -> client.getBooleanDetails(evaluations.key(), true),
                () -> "true (stopped)");
        return stop == null || stop;
    }

    /** The flag's key. */
    public String key() {
        return evaluations.key();
    }

    /** Reads that gave true because the flag could not be used. */
    public long faults() {
        return evaluations.faults();
    }

    /** Reads that gave true because of {@code kind}. */
    public long faults(FlagFault kind) {
        return evaluations.faults(kind);
    }

    @Override
    public String toString() {
        return "kill switch flag '" + key() + "'";
    }
}
