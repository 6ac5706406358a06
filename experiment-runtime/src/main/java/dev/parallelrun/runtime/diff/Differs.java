package dev.parallelrun.runtime.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallelrun.experiment.ExperimentSpec;

/** Makes the differ of an experiment from its options. */
public final class Differs {

    private Differs() {}

    /**
     * The differ for {@code spec}: structural, through {@code mapper}, with the {@code toString} fallback.
     *
     * @param mapper the application's mapper, or the default of {@link #defaultMapper()}
     */
    public static Differ forExperiment(ExperimentSpec<?> spec, ObjectMapper mapper) {
        return new ToStringDiffer(spec.maxValueChars(), !spec.redactPaths().isEmpty());
    }

    /** The default mapper: jdk8 and jsr310 modules, dates as ISO strings, numbers compared by value. */
    public static ObjectMapper defaultMapper() {
        return new ObjectMapper();
    }
}
