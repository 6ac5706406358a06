package dev.parallelrun.runtime.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.parallelrun.experiment.spi.ExperimentSpec;

/** Makes the differ of an experiment from its options. */
public final class Differs {

    private Differs() {}

    /**
     * The differ for {@code spec}: structural, through {@code mapper}, with the {@code toString} fallback. The
     * nesting limit that stops cycles is the lower of {@value StructuralDiffer#DEFAULT_MAX_DEPTH} and the
     * mapper's own {@code StreamWriteConstraints.maxNestingDepth}.
     *
     * @param mapper the application's mapper, or the default of {@link #defaultMapper()}; never modified
     */
    public static Differ forExperiment(ExperimentSpec<?> spec, ObjectMapper mapper) {
        int depth = Math.min(
                StructuralDiffer.DEFAULT_MAX_DEPTH,
                mapper.getFactory().streamWriteConstraints().getMaxNestingDepth());
        return StructuralDiffer.builder()
                .mapper(mapper)
                .ignorePaths(spec.ignorePaths())
                .redactPaths(spec.redactPaths())
                .unorderedArrays(spec.unorderedPaths())
                .tolerance(spec.tolerance())
                .tolerances(spec.tolerances())
                .maxDifferences(Math.max(1, spec.maxDifferences()))
                .maxValueChars(Math.max(16, spec.maxValueChars()))
                .maxDepth(Math.max(1, depth))
                .build();
    }

    /**
     * The default mapper: the jdk8 ({@code Optional}) and jsr310 ({@code java.time}) modules, dates and durations
     * as ISO-8601 strings. Numbers compare by value whatever the mapper (see {@link StructuralDiffer}). A new
     * mapper on each call: configure it freely.
     */
    public static ObjectMapper defaultMapper() {
        return JsonMapper.builder()
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .build();
    }
}
