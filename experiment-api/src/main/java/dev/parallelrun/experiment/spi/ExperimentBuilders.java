package dev.parallelrun.experiment.spi;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.ExperimentBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Makes the {@link ExperimentBuilder}s a laboratory hands out. The builder's constructor is not public, so that
 * an application only ever gets a builder from a laboratory; this class is the one way in for implementers.
 *
 * {@snippet :
 * public <T> ExperimentBuilder<T> experiment(String name, Class<T> type) {
 *     return ExperimentBuilders.create(name, this::register);   // register(ExperimentSpec<T>) makes the experiment
 * }
 * }
 */
public final class ExperimentBuilders {

    /** Makes a builder; installed once by {@link ExperimentBuilder} itself when its class is initialized. */
    public interface Maker {
        /** A builder whose {@code build()} hands the checked options to {@code factory}. */
        <T extends @Nullable Object> ExperimentBuilder<T> make(@Nullable String name, ExperimentFactory factory);
    }

    private static final MakerSlot<Maker> MAKER = new MakerSlot<>(ExperimentBuilder.class, "experiment builders");

    private ExperimentBuilders() {}

    /**
     * A builder for an experiment named {@code name} (checked by {@code build()}, with every other option) whose
     * {@code build()} hands the checked options to {@code factory}.
     */
    public static <T extends @Nullable Object> ExperimentBuilder<T> create(
            @Nullable String name, ExperimentFactory factory) {
        requireNonNull(factory, "factory");
        return MAKER.get().make(name, factory);
    }

    /**
     * Called by {@link ExperimentBuilder}'s class initializer, and only there: the first maker from the
     * builder's own package is kept, every other call is refused.
     *
     * @throws IllegalStateException when a maker is already installed or comes from elsewhere
     */
    public static void install(Maker builderMaker) {
        MAKER.install(builderMaker);
    }
}
