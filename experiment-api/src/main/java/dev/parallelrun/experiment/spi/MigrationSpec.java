package dev.parallelrun.experiment.spi;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.ExperimentBuilder;
import dev.parallelrun.experiment.migration.RollbackPolicy;
import dev.parallelrun.experiment.migration.Stage;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The checked options of one migration, as {@link dev.parallelrun.experiment.migration.MigrationBuilder#build()}
 * hands them to the laboratory that runs it. Applications use the builder; laboratories read this. New options are
 * added as new accessors with a default, so an implementation keeps compiling.
 *
 * <p>Made by {@link #builder(String, Supplier)}; immutable.
 *
 * @param <R> the migration's read type
 */
public final class MigrationSpec<R extends @Nullable Object> {

    /** Default {@link #minShadowDuration()}: a week, a business cycle with its weekend and its weekly jobs. */
    public static final Duration DEFAULT_MIN_SHADOW_DURATION = Duration.ofDays(7);

    /** The suffix of the experiment that compares reads in SHADOW (control: old, candidate: new). */
    public static final String SHADOW_SUFFIX = ":shadow";

    /** The suffix of the experiment that compares reads in LIVE (control: new, candidate: old). */
    public static final String LIVE_SUFFIX = ":live";

    private final String name;
    private final Supplier<Stage> stageSource;
    private final Consumer<? super ExperimentBuilder<R>> readOptions;
    private final @Nullable Duration readTimeout;
    private final boolean fallback;
    private final RollbackPolicy rollback;
    private final Duration minShadowDuration;
    private final @Nullable Executor otherWriteExecutor;
    private final @Nullable Clock clock;

    private MigrationSpec(Builder<R> b) {
        this.name = b.name;
        this.stageSource = b.stageSource;
        this.readOptions = b.readOptions;
        this.readTimeout = b.readTimeout;
        this.fallback = b.fallback;
        this.rollback = b.rollback;
        this.minShadowDuration = b.minShadowDuration;
        this.otherWriteExecutor = b.otherWriteExecutor;
        this.clock = b.clock;
    }

    /** Starts the options of a migration named {@code name} whose stage comes from {@code stageSource}. */
    public static <R extends @Nullable Object> Builder<R> builder(String name, Supplier<Stage> stageSource) {
        return new Builder<>(name, stageSource);
    }

    /** The migration's name; its read experiments are this name with {@link #SHADOW_SUFFIX} and {@link #LIVE_SUFFIX}. */
    public String name() {
        return name;
    }

    /** The name of the experiment that compares reads in SHADOW. */
    public String shadowExperiment() {
        return name + SHADOW_SUFFIX;
    }

    /** The name of the experiment that compares reads in LIVE. */
    public String liveExperiment() {
        return name + LIVE_SUFFIX;
    }

    /** Read on every call; one that throws or returns null keeps the last stage. */
    public Supplier<Stage> stageSource() {
        return stageSource;
    }

    /** Applied to the builder of each read experiment (SHADOW's and LIVE's); does nothing by default. */
    public Consumer<? super ExperimentBuilder<R>> readOptions() {
        return readOptions;
    }

    /** The new side's read timeout while it serves with a fallback (LIVE, RAMP_DOWN), or {@code null} for none. */
    public @Nullable Duration readTimeout() {
        return readTimeout;
    }

    /** Whether a failed new-side read falls back to the old side in LIVE and RAMP_DOWN; default true. */
    public boolean fallback() {
        return fallback;
    }

    /** When the migration rolls back by itself. */
    public RollbackPolicy rollback() {
        return rollback;
    }

    /** How long a SHADOW period must last before {@code readiness()} can say ready. */
    public Duration minShadowDuration() {
        return minShadowDuration;
    }

    /** Where the other write runs, or {@code null} for the caller's thread. */
    public @Nullable Executor otherWriteExecutor() {
        return otherWriteExecutor;
    }

    /** The clock of the migration's times and durations, or {@code null} for the laboratory's. */
    public @Nullable Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "MigrationSpec[" + name + "]";
    }

    /** Sets the options of a {@link MigrationSpec}; {@link #build()} checks nothing beyond nulls. */
    public static final class Builder<R extends @Nullable Object> {
        private final String name;
        private final Supplier<Stage> stageSource;
        private Consumer<? super ExperimentBuilder<R>> readOptions = options -> {};
        private @Nullable Duration readTimeout;
        private boolean fallback = true;
        private RollbackPolicy rollback = RollbackPolicy.defaults();
        private Duration minShadowDuration = DEFAULT_MIN_SHADOW_DURATION;
        private @Nullable Executor otherWriteExecutor;
        private @Nullable Clock clock;

        private Builder(String name, Supplier<Stage> stageSource) {
            this.name = requireNonNull(name, "name");
            this.stageSource = requireNonNull(stageSource, "stageSource");
        }

        /** See {@link MigrationSpec#readOptions()}. */
        public Builder<R> readOptions(Consumer<? super ExperimentBuilder<R>> value) {
            this.readOptions = requireNonNull(value, "readOptions");
            return this;
        }

        /** See {@link MigrationSpec#readTimeout()}. */
        public Builder<R> readTimeout(@Nullable Duration value) {
            this.readTimeout = value;
            return this;
        }

        /** See {@link MigrationSpec#fallback()}. */
        public Builder<R> fallback(boolean value) {
            this.fallback = value;
            return this;
        }

        /** See {@link MigrationSpec#rollback()}. */
        public Builder<R> rollback(RollbackPolicy value) {
            this.rollback = requireNonNull(value, "rollback");
            return this;
        }

        /** See {@link MigrationSpec#minShadowDuration()}. */
        public Builder<R> minShadowDuration(Duration value) {
            this.minShadowDuration = requireNonNull(value, "minShadowDuration");
            return this;
        }

        /** See {@link MigrationSpec#otherWriteExecutor()}. */
        public Builder<R> otherWriteExecutor(@Nullable Executor value) {
            this.otherWriteExecutor = value;
            return this;
        }

        /** See {@link MigrationSpec#clock()}. */
        public Builder<R> clock(@Nullable Clock value) {
            this.clock = value;
            return this;
        }

        /** The options as set. */
        public MigrationSpec<R> build() {
            return new MigrationSpec<>(this);
        }
    }
}
