package dev.parallelrun.experiment.spi;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.ExperimentBuilder;
import java.lang.invoke.MethodHandles;
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

    private static volatile @Nullable Maker maker;

    private ExperimentBuilders() {}

    /**
     * A builder for an experiment named {@code name} (checked by {@code build()}, with every other option) whose
     * {@code build()} hands the checked options to {@code factory}.
     */
    public static <T extends @Nullable Object> ExperimentBuilder<T> create(@Nullable String name,
            ExperimentFactory factory) {
        requireNonNull(factory, "factory");
        Maker installed = maker;
        if (installed == null) {
            try {
                MethodHandles.lookup().ensureInitialized(ExperimentBuilder.class); // its initializer installs the maker
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot initialize ExperimentBuilder", e);
            }
            installed = requireNonNull(maker, "ExperimentBuilder did not install its maker");
        }
        return installed.make(name, factory);
    }

    /**
     * Called by {@link ExperimentBuilder}'s class initializer, and only there: the first maker from the
     * builder's own package is kept, every other call is refused.
     *
     * @throws IllegalStateException when a maker is already installed or comes from elsewhere
     */
    public static synchronized void install(Maker builderMaker) {
        requireNonNull(builderMaker, "builderMaker");
        if (maker != null || !builderMaker.getClass().getPackageName().equals(ExperimentBuilder.class.getPackageName())) {
            throw new IllegalStateException("only ExperimentBuilder installs the maker of experiment builders");
        }
        maker = builderMaker;
    }
}
