package dev.parallelrun.spring.boot.autoconfigure;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.migration.Stage;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Stage sources that can be set at run time: one per migration name, for applications without a flag system to read
 * stages from. Each starts at {@code parallelrun.migrations.<name>.stage} ({@link Stage#OFF} when it is not set),
 * and the {@code migrations} actuator endpoint sets it ({@link #set(String, Stage)}).
 *
 * {@snippet :
 * Migration<Customer> customers = laboratory.migration("customer-store", Customer.class)
 *         .stage(migrationStages.source("customer-store"))
 *         .build();
 * }
 *
 * <p>A migration reads its source on every call, so reading one is a volatile read and nothing else. A stage set
 * here is held in memory by this instance only: another instance of the application, or this one after a restart,
 * starts again from the properties. An application that runs a flag system keeps it as the source instead, and
 * changes stages there.
 */
public class MigrationStages {

    private final Map<String, Stage> initial;
    private final Map<String, Source> sources = new ConcurrentHashMap<>();

    /** Sources that all start at {@link Stage#OFF}. */
    public MigrationStages() {
        this(Map.of());
    }

    /** Sources that start at {@code initial}'s stage for their name, {@link Stage#OFF} for any other name. */
    public MigrationStages(Map<String, Stage> initial) {
        this.initial = Map.copyOf(initial);
    }

    /**
     * The stage source of the migration named {@code name}, to pass to
     * {@link dev.parallelrun.experiment.migration.MigrationBuilder#stage(Supplier)}; the same source for the same
     * name every time.
     */
    public Supplier<Stage> source(String name) {
        requireNonNull(name, "name");
        return sources.computeIfAbsent(name, key -> new Source(initial.getOrDefault(key, Stage.OFF)));
    }

    /** True when {@link #source(String)} handed out the source of {@code name}: then {@link #set} reaches it. */
    public boolean handedOut(String name) {
        return sources.containsKey(name);
    }

    /** The stage the source of {@code name} gives now, or {@code null} when none was handed out. */
    public @Nullable Stage stage(String name) {
        Source source = sources.get(name);
        return source == null ? null : source.stage;
    }

    /** True when the stage of {@code name} was set at run time, false while it is still the initial one. */
    public boolean setAtRunTime(String name) {
        Source source = sources.get(name);
        return source != null && source.set;
    }

    /**
     * Sets the stage the source of {@code name} gives from now on: the migration follows at its next call (unless
     * an automatic rollback awaits acknowledgement, which keeps it in SHADOW).
     *
     * @return the stage it gave before
     * @throws IllegalArgumentException when no source of that name was handed out: a migration reads the stage from
     *     wherever its builder was told, and a stage set here would reach nothing
     */
    public synchronized Stage set(String name, Stage stage) {
        requireNonNull(stage, "stage");
        Source source = sources.get(name);
        if (source == null) {
            throw new IllegalArgumentException("no stage source was handed out for '" + name + "'");
        }
        Stage before = source.stage;
        source.stage = stage;
        source.set = true;
        return before;
    }

    /** The names sources were handed out for, and the stage each gives now, in name order. */
    public Map<String, Stage> stages() {
        Map<String, Stage> stages = new TreeMap<>();
        sources.forEach((name, source) -> stages.put(name, source.stage));
        return Collections.unmodifiableMap(stages);
    }

    /** The initial stages, by name, as configured. */
    public Map<String, Stage> initialStages() {
        return initial;
    }

    /** One migration's source: a volatile field, since a migration reads it on every call. */
    private static final class Source implements Supplier<Stage> {
        private volatile Stage stage;
        private volatile boolean set;

        Source(Stage stage) {
            this.stage = stage;
        }

        @Override
        public Stage get() {
            return stage;
        }
    }
}
