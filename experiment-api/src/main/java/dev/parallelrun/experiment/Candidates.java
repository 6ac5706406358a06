package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Named candidates of one call, when a migration tries more than one new path at once.
 *
 * {@snippet :
 * Price price = pricing.run(Call.keyed(order.customerId()),
 *         () -> legacy.price(order),
 *         Candidates.of("engine-v2", () -> engine.price(order))
 *                   .and("engine-v3", () -> next.price(order)));
 * }
 *
 * <p>Each candidate gets its own outcome: one candidate's error or ignore never hides another's
 * mismatch. Immutable: {@link #and} returns a new instance.
 *
 * @param <T> the experiment's value type
 */
public final class Candidates<T extends @Nullable Object> {

    /** The name a lone candidate gets when it is passed without one. */
    public static final String DEFAULT_NAME = "candidate";

    /** One named candidate behavior. */
    public record Named<T extends @Nullable Object>(String name, Behavior<? extends T, ?> behavior) {
        /** Checks the name. */
        public Named {
            requireNonNull(name, "name");
            requireNonNull(behavior, "behavior");
            if (name.isBlank()) {
                throw new IllegalArgumentException("candidate name must not be blank");
            }
            if (name.equals("control")) {
                throw new IllegalArgumentException("candidate name 'control' is reserved for the control");
            }
        }
    }

    private final List<Named<T>> candidates;

    private Candidates(List<Named<T>> candidates) {
        this.candidates = candidates;
    }

    /** One candidate named {@code name}. */
    public static <T extends @Nullable Object> Candidates<T> of(String name, Behavior<? extends T, ?> behavior) {
        return new Candidates<>(List.of(new Named<>(name, behavior)));
    }

    /** These candidates and one more; names must be unique. */
    public Candidates<T> and(String name, Behavior<? extends T, ?> behavior) {
        Named<T> next = new Named<>(name, behavior);
        for (Named<T> existing : candidates) {
            if (existing.name().equals(name)) {
                throw new IllegalArgumentException("duplicate candidate name '" + name + "'");
            }
        }
        List<Named<T>> copy = new ArrayList<>(candidates.size() + 1);
        copy.addAll(candidates);
        copy.add(next);
        return new Candidates<>(Collections.unmodifiableList(copy));
    }

    /** The candidates in the order they were given; unmodifiable. */
    public List<Named<T>> list() {
        return candidates;
    }

    /** How many candidates there are. */
    public int size() {
        return candidates.size();
    }
}
