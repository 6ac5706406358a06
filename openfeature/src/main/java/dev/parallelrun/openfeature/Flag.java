package dev.parallelrun.openfeature;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.parallelrun.experiment.spi.ThrottledLog;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What every flag shares: it evaluates one flag through the client, turns every way that can fail into a counted
 * {@link FlagFault} and the flag's safe value, and never throws. The SDK reports most failures as an error code on
 * the details; anything it throws is caught here. Faults are logged at most once a minute per flag.
 */
abstract sealed class Flag permits KillSwitchFlag, RateFlag, StageFlag {

    private static final System.Logger LOG = System.getLogger("dev.parallelrun");

    private final Client client;
    private final String key;
    private final String use;
    private final String kind;
    private final LongAdder[] faults = new LongAdder[FlagFault.values().length];
    private final ThrottledLog log = ThrottledLog.perMinute(LOG);

    /** {@code use}: what the flag is for, in the log ("the stage of a migration"); {@code kind}: its type, in words. */
    Flag(Client client, String key, String use, String kind) {
        this.client = client;
        this.key = key;
        this.use = use;
        this.kind = kind;
        for (int i = 0; i < faults.length; i++) {
            faults[i] = new LongAdder();
        }
    }

    /** The flag's value, or {@code safe} after counting why it cannot be used; {@code safeText} names it in the log. */
    final <T> T read(Function<Client, FlagEvaluationDetails<T>> evaluation, T safe, Supplier<String> safeText) {
        T value = evaluate(evaluation, safeText);
        return value != null ? value : safe;
    }

    /**
     * The flag's value, or {@code null} after counting why it cannot be used, for a flag whose safe value depends on
     * what it read before; {@code safe} names the value used instead.
     */
    final <T> @Nullable T evaluate(Function<Client, FlagEvaluationDetails<T>> evaluation, Supplier<String> safe) {
        FlagEvaluationDetails<T> details;
        try {
            details = evaluation.apply(client);
        } catch (Throwable thrown) {
            fault(FlagFault.ERROR, thrown.toString(), safe);
            return null;
        }
        if (details == null) {
            fault(FlagFault.ERROR, "no details", safe);
            return null;
        }
        ErrorCode code = details.getErrorCode();
        if (code != null) {
            fault(
                    FlagFault.of(code),
                    code + (details.getErrorMessage() == null ? "" : ": " + details.getErrorMessage()),
                    safe);
            return null;
        }
        T value = details.getValue();
        if (value == null) {
            fault(FlagFault.BAD_VALUE, "null", safe);
        }
        return value;
    }

    /** Counts one fault and logs it, with the safe value used instead. */
    final void fault(FlagFault kind, @Nullable String detail, Supplier<String> safe) {
        faults[kind.ordinal()].increment();
        log.warn(
                () -> "flag '" + key + "' (" + use + "): " + kind.description() + " (" + detail + "); using "
                        + safe.get(),
                null);
    }

    /** The flag's key. */
    public final String key() {
        return key;
    }

    /** Reads that gave the flag's safe value because the flag could not be used, whatever the fault. */
    public final long faults() {
        long sum = 0;
        for (LongAdder count : faults) {
            sum += count.sum();
        }
        return sum;
    }

    /** Reads that gave the flag's safe value because of {@code kind}. */
    public final long faults(FlagFault kind) {
        return faults[kind.ordinal()].sum();
    }

    @Override
    public final String toString() {
        return kind + " '" + key + "'";
    }
}
