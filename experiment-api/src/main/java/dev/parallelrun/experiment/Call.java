package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the experiment knows about one call: an optional key and a few context entries.
 *
 * <p>The key drives sticky sampling (the same key gets the same decision on every JVM, see
 * {@link Sampler}) and, with the context entries, is shown in reports next to a mismatch. Keep
 * both small and free of secrets: they are published as they are.
 *
 * {@snippet :
 * Price price = pricing.run(Call.keyed(order.customerId()).with("order", order.id()),
 *         () -> legacy.price(order), () -> engine.price(order));
 * }
 *
 * <p>Instances are immutable; {@link #with} returns a new call.
 */
public final class Call {

    private static final Call NONE = new Call(null, Map.of(), null);

    private final @Nullable String key;
    private final Map<String, String> context;
    private final @Nullable Object input;

    private Call(@Nullable String key, Map<String, String> context, @Nullable Object input) {
        this.key = key;
        this.context = context;
        this.input = input;
    }

    /** A call with no key and no context: sampling is not sticky. */
    public static Call none() {
        return NONE;
    }

    /** A call identified by {@code key} (its {@code toString()}), for sticky sampling and reports. */
    public static Call keyed(Object key) {
        requireNonNull(key, "key");
        return new Call(key.toString(), Map.of(), null);
    }

    /** This call with one more context entry ({@code value}'s {@code toString()}, or "null"). */
    public Call with(String name, @Nullable Object value) {
        requireNonNull(name, "name");
        Map<String, String> copy = new LinkedHashMap<>(context);
        copy.put(name, String.valueOf(value));
        return new Call(key, Collections.unmodifiableMap(copy), input);
    }

    /**
     * This call with its input: what the behaviors were called with, so a mismatch can be replayed in a test. Kept
     * only by experiments that capture inputs ({@code ExperimentBuilder.captureInputs()}), and then published in
     * the same redacted, capped form as values. {@code wrap} passes its argument by itself.
     */
    public Call input(@Nullable Object value) {
        return new Call(key, context, value);
    }

    /** The key, or {@code null} for a call made without one. */
    public @Nullable String key() {
        return key;
    }

    /** The input given with {@link #input(Object)}, or {@code null}. */
    public @Nullable Object input() {
        return input;
    }

    /** The context entries in the order they were added; unmodifiable. */
    public Map<String, String> context() {
        return context;
    }

    @Override
    public String toString() {
        return key == null ? "Call" + context : "Call[" + key + "]" + context;
    }
}
