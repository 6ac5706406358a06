package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What one behavior (the control or a candidate) did in one sampled call: its value or exception,
 * when it started and how long it took on the thread that ran it.
 *
 * <p>{@link #value()} and {@link #exception()} are the raw objects, for in-process use (a custom
 * comparison, a test). A publisher writes {@link #published()} instead: it is cleaned, redacted and
 * capped as the experiment asks.
 *
 * @param <T> the experiment's value type
 */
public final class Run<T extends @Nullable Object> {

    /** The behavior name of the control in every result. */
    public static final String CONTROL = "control";

    private final String behavior;
    private final Instant startedAt;
    private final Duration duration;
    private final @Nullable T value;
    private final @Nullable Throwable exception;
    private final boolean completed;
    private final @Nullable Supplier<PublishedValue> publish;
    // made on first use: most results are matches whose values nobody publishes
    private volatile @Nullable PublishedValue published;

    private Run(String behavior, Instant startedAt, Duration duration, @Nullable T value,
            @Nullable Throwable exception, boolean completed, @Nullable Supplier<PublishedValue> publish) {
        this.behavior = requireNonNull(behavior, "behavior");
        this.startedAt = requireNonNull(startedAt, "startedAt");
        this.duration = requireNonNull(duration, "duration");
        this.value = value;
        this.exception = exception;
        this.completed = completed;
        this.publish = publish;
    }

    /**
     * A behavior that returned {@code value}; {@code publish} makes its published form when first asked
     * (it must not throw).
     */
    public static <T extends @Nullable Object> Run<T> returned(
            String behavior, Instant startedAt, Duration duration, T value, Supplier<PublishedValue> publish) {
        requireNonNull(publish, "publish");
        return new Run<>(behavior, startedAt, duration, value, null, true, publish);
    }

    /** A behavior that threw {@code exception}. */
    public static <T extends @Nullable Object> Run<T> threw(
            String behavior, Instant startedAt, Duration duration, Throwable exception) {
        requireNonNull(exception, "exception");
        return new Run<>(behavior, startedAt, duration, null, exception, true, null);
    }

    /** A behavior that had not finished when it was given up on after {@code duration}. */
    public static <T extends @Nullable Object> Run<T> unfinished(String behavior, Instant startedAt, Duration duration) {
        return new Run<>(behavior, startedAt, duration, null, null, false, null);
    }

    /** {@link #CONTROL} or the candidate's name. */
    public String behavior() {
        return behavior;
    }

    /** Wall-clock time the behavior started. */
    public Instant startedAt() {
        return startedAt;
    }

    /** Wall-clock time the behavior took, measured on the thread that ran it. */
    public Duration duration() {
        return duration;
    }

    /** The raw value returned, or {@code null} when it returned null, threw or did not finish. */
    public @Nullable T value() {
        return value;
    }

    /** The raw exception thrown, or {@code null}. */
    public @Nullable Throwable exception() {
        return exception;
    }

    /** True when the behavior threw. */
    public boolean threw() {
        return exception != null;
    }

    /** False when the behavior timed out and its result was not waited for. */
    public boolean completed() {
        return completed;
    }

    /**
     * The value as it may be published (cleaned, redacted, capped), or {@code null} when the behavior threw
     * or did not finish. Made on first call.
     */
    public @Nullable PublishedValue published() {
        PublishedValue made = published;
        if (made == null && publish != null) {
            made = publish.get();
            published = made;
        }
        return made;
    }

    /** {@code ClassName: message} of the exception, or {@code null} when there is none. */
    public @Nullable String describeException() {
        Throwable e = exception;
        if (e == null) {
            return null;
        }
        return e.getMessage() == null ? e.getClass().getName() : e.getClass().getName() + ": " + e.getMessage();
    }

    @Override
    public String toString() {
        PublishedValue shown = published();
        String what = !completed ? "unfinished" : exception != null ? "threw " + describeException()
                : shown != null ? "returned " + shown.json() : "returned";
        return behavior + " " + what + " in " + duration.toNanos() / 1_000 + "µs";
    }
}
