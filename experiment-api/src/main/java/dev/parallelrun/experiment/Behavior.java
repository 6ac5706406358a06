package dev.parallelrun.experiment;

import org.jspecify.annotations.Nullable;

/**
 * One code path of an experiment: the control or a candidate.
 *
 * <p>{@code X} is the checked exception the behavior may throw. {@link Experiment#run} declares the
 * control's {@code X}, so a control that throws {@code IOException} makes {@code run} throw
 * {@code IOException}, and a control that throws nothing checked needs no {@code try}.
 *
 * @param <T> what the behavior returns; {@code null} is a legitimate value
 * @param <X> the checked exception it may throw
 */
@FunctionalInterface
public interface Behavior<T extends @Nullable Object, X extends Throwable> {

    /** Runs the code path. */
    T call() throws X;
}
