package dev.parallelrun.experiment.spi;

import static java.util.Objects.requireNonNull;

import java.lang.invoke.MethodHandles;
import org.jspecify.annotations.Nullable;

/**
 * Where a builder class installs the one maker of its builders, from its class initializer: the slot behind
 * {@link ExperimentBuilders} and {@link MigrationBuilders}.
 */
final class MakerSlot<M> {

    private final Class<?> builder;
    private final String builders;
    private volatile @Nullable M maker;

    /**
     * A slot for the maker of {@code builder}'s builders.
     *
     * @param builder the builder class whose initializer installs the maker
     * @param builders what it builds, in words, for the refusal's message
     */
    MakerSlot(Class<?> builder, String builders) {
        this.builder = builder;
        this.builders = builders;
    }

    /** The maker, initializing the builder class first when it has not installed one yet. */
    M get() {
        M installed = maker;
        if (installed != null) {
            return installed;
        }
        try {
            MethodHandles.lookup().ensureInitialized(builder); // its initializer installs the maker
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot initialize " + builder.getSimpleName(), e);
        }
        return requireNonNull(maker, builder.getSimpleName() + " did not install its maker");
    }

    /** Keeps the first maker from the builder's own package and refuses every other. */
    synchronized void install(M candidate) {
        requireNonNull(candidate, "builderMaker");
        if (maker != null || !candidate.getClass().getPackageName().equals(builder.getPackageName())) {
            throw new IllegalStateException("only " + builder.getSimpleName() + " installs the maker of " + builders);
        }
        maker = candidate;
    }
}
