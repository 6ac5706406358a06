package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What one behavior (the control or a candidate) did in one sampled call: its value or exception, when it
 * started, how long it took on the thread that ran it, and, for a candidate, how long it waited to start.
 *
 * <p>{@link #value()} and {@link #exception()} are the raw objects, for in-process use (a custom comparison, a
 * test). A publisher writes {@link #published()} instead: it is cleaned, redacted and capped as the experiment
 * asks.
 *
 * @param <T> the experiment's value type
 */
public final class Run<T extends @Nullable Object> {

    /** The name of the control in every result. */
    public static final String CONTROL = "control";

    private final String name;
    private final Instant startedAt;
    private final Duration duration;
    private final Duration startDelay;
    private final @Nullable T value;
    private final @Nullable Throwable exception;
    private final boolean completed;
    private final boolean started;
    private final @Nullable Supplier<PublishedValue> publish;
    // made on first use: most results are matches whose values nobody publishes
    private volatile @Nullable PublishedValue published;

    private Run(
            String name,
            Instant startedAt,
            Duration duration,
            Duration startDelay,
            @Nullable T value,
            @Nullable Throwable exception,
            boolean completed,
            boolean started,
            @Nullable Supplier<PublishedValue> publish) {
        this.name = requireNonNull(name, "name");
        this.startedAt = requireNonNull(startedAt, "startedAt");
        this.duration = requireNonNull(duration, "duration");
        this.startDelay = requireNonNull(startDelay, "startDelay");
        this.value = value;
        this.exception = exception;
        this.completed = completed;
        this.started = started;
        this.publish = publish;
    }

    /**
     * A behavior that returned {@code value}; {@code publish} makes its published form when first asked (it must
     * not throw).
     */
    public static <T extends @Nullable Object> Run<T> returned(
            String name, Instant startedAt, Duration duration, T value, Supplier<PublishedValue> publish) {
        requireNonNull(publish, "publish");
        return new Run<>(name, startedAt, duration, Duration.ZERO, value, null, true, true, publish);
    }

    /** A behavior that threw {@code exception}. */
    public static <T extends @Nullable Object> Run<T> threw(
            String name, Instant startedAt, Duration duration, Throwable exception) {
        requireNonNull(exception, "exception");
        return new Run<>(name, startedAt, duration, Duration.ZERO, null, exception, true, true, null);
    }

    /** A behavior that had not finished when it was given up on, {@code duration} after it started. */
    public static <T extends @Nullable Object> Run<T> unfinished(String name, Instant startedAt, Duration duration) {
        return new Run<>(name, startedAt, duration, Duration.ZERO, null, null, false, true, null);
    }

    /**
     * A candidate given up on before its behavior started: it waited {@code waited} from the moment its call was
     * sampled, {@code sampledAt}, and never got to run.
     */
    public static <T extends @Nullable Object> Run<T> neverStarted(String name, Instant sampledAt, Duration waited) {
        return new Run<>(name, sampledAt, Duration.ZERO, waited, null, null, false, false, null);
    }

    /** This run with {@code delay} as the time it waited to start. */
    public Run<T> withStartDelay(Duration delay) {
        return new Run<>(name, startedAt, duration, delay, value, exception, completed, started, publish);
    }

    /** {@link #CONTROL} or the candidate's name. */
    public String name() {
        return name;
    }

    /** Wall-clock time the behavior started (for one that never started, when its call was sampled). */
    public Instant startedAt() {
        return startedAt;
    }

    /**
     * Wall-clock time the behavior took, from its own start, measured on the thread that ran it; for an async
     * behavior, from the call of its supplier to the completion of its stage.
     */
    public Duration duration() {
        return duration;
    }

    /**
     * How long a candidate waited from the moment its call was sampled until its behavior started: the
     * scheduling delay, kept apart from {@link #duration()}. Zero for the control, which runs at once.
     */
    public Duration startDelay() {
        return startDelay;
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

    /** False when the candidate timed out before its behavior ever started (it never ran). */
    public boolean started() {
        return started;
    }

    /**
     * The value as it may be published (cleaned, redacted, capped), or {@code null} when the behavior threw or did
     * not finish. Made on first call.
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
        return e == null ? null : describe(e);
    }

    /** {@code ClassName: message}; never throws, even for an exception whose {@code getMessage()} does. */
    static String describe(Throwable exception) {
        String message;
        try {
            message = exception.getMessage();
        } catch (Throwable failed) {
            message = "[getMessage() threw " + failed.getClass().getName() + "]";
        }
        return message == null
                ? exception.getClass().getName()
                : exception.getClass().getName() + ": " + message;
    }

    @Override
    public String toString() {
        if (!started) {
            return name + " never started (waited " + LatencySummary.format(startDelay) + ")";
        }
        PublishedValue shown = published();
        String what = !completed
                ? "unfinished"
                : exception != null
                        ? "threw " + describeException()
                        : shown != null ? "returned " + shown.json() : "returned";
        return name + " " + what + " in " + LatencySummary.format(duration);
    }
}
