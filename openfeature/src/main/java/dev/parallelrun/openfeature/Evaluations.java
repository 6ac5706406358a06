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
 * Evaluates one flag through the client and turns every way it can fail into a counted {@link FlagFault} and a
 * {@code null}: the SDK reports most failures as an error code on the details, and anything it throws is caught here.
 * Faults are logged at most once a minute per flag.
 */
final class Evaluations {

    private static final System.Logger LOG = System.getLogger("dev.parallelrun");

    private final Client client;
    private final String key;
    private final String use;
    private final LongAdder[] faults = new LongAdder[FlagFault.values().length];
    private final ThrottledLog log = ThrottledLog.perMinute(LOG);

    /** {@code use}: what the flag is for, in the log ("the stage of a migration"). */
    Evaluations(Client client, String key, String use) {
        this.client = client;
        this.key = key;
        this.use = use;
        for (int i = 0; i < faults.length; i++) {
            faults[i] = new LongAdder();
        }
    }

    String key() {
        return key;
    }

    /** The flag's value, or {@code null} after counting why it cannot be used; {@code safe} names the value used. */
    <T> @Nullable T evaluate(Function<Client, FlagEvaluationDetails<T>> evaluation, Supplier<String> safe) {
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
            fault(FlagFault.of(code), code + (details.getErrorMessage() == null ? "" : ": " + details.getErrorMessage()),
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
    void fault(FlagFault kind, @Nullable String detail, Supplier<String> safe) {
        faults[kind.ordinal()].increment();
        log.warn(() -> "flag '" + key + "' (" + use + "): " + kind.description() + " (" + detail + "); using "
                + safe.get(), null);
    }

    long faults() {
        long sum = 0;
        for (LongAdder count : faults) {
            sum += count.sum();
        }
        return sum;
    }

    long faults(FlagFault kind) {
        return faults[kind.ordinal()].sum();
    }
}
