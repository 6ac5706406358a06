package dev.parallelrun.experiment.spi;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.migration.MigrationBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Makes the {@link MigrationBuilder}s a laboratory hands out. The builder's constructor is not public, so that an
 * application only ever gets a builder from a laboratory; this class is the one way in for implementers, as
 * {@link ExperimentBuilders} is for experiments.
 *
 * {@snippet :
 * public <R> MigrationBuilder<R> migration(String name, Class<R> type) {
 *     return MigrationBuilders.create(name, this::register);   // register(MigrationSpec<R>) makes the migration
 * }
 * }
 */
public final class MigrationBuilders {

    /** Makes a builder; installed once by {@link MigrationBuilder} itself when its class is initialized. */
    public interface Maker {
        /** A builder whose {@code build()} hands the checked options to {@code factory}. */
        <R extends @Nullable Object> MigrationBuilder<R> make(@Nullable String name, MigrationFactory factory);
    }

    private static final MakerSlot<Maker> MAKER = new MakerSlot<>(MigrationBuilder.class, "migration builders");

    private MigrationBuilders() {}

    /**
     * A builder for a migration named {@code name} (checked by {@code build()}, with every other option) whose
     * {@code build()} hands the checked options to {@code factory}.
     */
    public static <R extends @Nullable Object> MigrationBuilder<R> create(
            @Nullable String name, MigrationFactory factory) {
        requireNonNull(factory, "factory");
        return MAKER.get().make(name, factory);
    }

    /**
     * Called by {@link MigrationBuilder}'s class initializer, and only there: the first maker from the builder's own
     * package is kept, every other call is refused.
     *
     * @throws IllegalStateException when a maker is already installed or comes from elsewhere
     */
    public static void install(Maker builderMaker) {
        MAKER.install(builderMaker);
    }
}
