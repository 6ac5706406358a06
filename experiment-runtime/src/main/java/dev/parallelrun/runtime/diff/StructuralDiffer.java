package dev.parallelrun.runtime.diff;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallelrun.experiment.Diff;
import dev.parallelrun.experiment.PathPattern;
import dev.parallelrun.experiment.PublishedValue;
import dev.parallelrun.experiment.Tolerance;
import dev.parallelrun.experiment.spi.ExperimentSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The structural differ of contract rule 6: values become Jackson trees through an {@link ObjectMapper}, and
 * two trees compare into RFC 6902 operations ({@code add}, {@code remove}, {@code replace}) at RFC 6901
 * pointers which, applied in order to the control's tree, give the candidate's tree. Objects compare key by key
 * in any order; numbers by value; arrays are aligned with a Myers diff so that an inserted element is one
 * {@code add}; long strings carry a line or word diff. Ignore paths, numeric tolerances and unordered arrays
 * change what counts as a difference; redact paths change only what is published.
 *
 * <p>A value the mapper cannot turn into a tree (a cycle, a type it refuses, a serializer that throws) is
 * compared with {@code equals} and shown with {@code toString} by a {@link ToStringDiffer}, which says so in
 * {@link Diff#structural()} and {@link Diff#note()}. Neither {@link #compare} nor {@link #publish} throws.
 *
 * <p>Immutable and thread-safe: build one per experiment and share it.
 *
 * {@snippet :
 * StructuralDiffer differ = StructuralDiffer.builder()
 *         .ignorePaths("/quotedAt")
 *         .redactPaths("/customer/email")
 *         .tolerance("/total", Tolerance.absolute(0.005))
 *         .build();
 * Comparison comparison = differ.compare(legacyPrice, newPrice);
 * comparison.diff().differences().forEach(System.out::println); // replace /lines/3/discount 0.10 -> 0.1
 * }
 */
public final class StructuralDiffer implements Differ {

    /** Default {@link Builder#maxAlignedElements(int)}. */
    public static final int DEFAULT_MAX_ALIGNED_ELEMENTS = 2_000;
    /** Default {@link Builder#longStringChars(int)}. */
    public static final int DEFAULT_LONG_STRING_CHARS = 120;
    /** Default {@link Builder#maxDepth(int)}. */
    public static final int DEFAULT_MAX_DEPTH = 500;

    private final DiffSettings settings;
    private final TreeConverter converter;
    private final ToStringDiffer fallback;

    private StructuralDiffer(Builder builder) {
        this.settings = new DiffSettings(
                new PathRules(builder.ignorePaths, builder.redactPaths, builder.tolerances, builder.unorderedPaths),
                builder.tolerance,
                builder.maxDifferences,
                builder.maxValueChars,
                builder.maxAlignedElements,
                builder.longStringChars);
        ObjectMapper mapper = builder.mapper != null ? builder.mapper : Differs.defaultMapper();
        this.converter = new TreeConverter(mapper, builder.maxDepth);
        this.fallback = new ToStringDiffer(builder.maxValueChars, !builder.redactPaths.isEmpty());
    }

    /** A builder with the defaults of {@link ExperimentSpec} and the mapper of {@link Differs#defaultMapper()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Compares the trees of two values. Falls back to {@code equals} and {@code toString} when either cannot be
     * turned into a tree, with the cause in {@link Comparison#fallbackCause()}.
     */
    @Override
    public Comparison compare(@Nullable Object control, @Nullable Object candidate) {
        JsonNode a;
        JsonNode b;
        try {
            a = converter.toTree(control);
            b = converter.toTree(candidate);
        } catch (Exception | StackOverflowError e) {
            return fallback.compare(control, candidate, TreeConverter.cause(e));
        }
        try {
            return compareTrees(a, b);
        } catch (RuntimeException | StackOverflowError e) {
            return fallback.compare(control, candidate, e);
        }
    }

    /**
     * Compares two trees: the differences that count (at most {@code maxDifferences}, with the true total), the
     * number of differences at ignored paths, and no fallback. What {@link #compare} does once the values are
     * trees; public so that benchmarks can time the tree diff alone.
     */
    public Comparison compareTrees(JsonNode control, JsonNode candidate) {
        requireNonNull(control, "control");
        requireNonNull(candidate, "candidate");
        return new TreeWalk(settings).run(control, candidate);
    }

    @Override
    public TreeMatch sameTree(@Nullable Object control, @Nullable Object candidate) {
        try {
            JsonNode a = converter.toTree(control);
            JsonNode b = converter.toTree(candidate);
            return TreeEquality.identical(a, b)
                    ? TreeMatch.IDENTICAL
                    : TreeEquality.equal(a, b) ? TreeMatch.SAME_NUMBERS_BY_VALUE : TreeMatch.DIFFERENT;
        } catch (Exception | StackOverflowError e) {
            return TreeMatch.UNKNOWN;
        }
    }

    /** The JSON text of {@code value}'s tree, redacted and capped; its {@code toString} when it has no tree. */
    @Override
    public PublishedValue publish(@Nullable Object value) {
        JsonNode tree;
        try {
            tree = converter.toTree(value);
        } catch (Exception | StackOverflowError e) {
            return fallback.publish(value);
        }
        try {
            return JsonText.publish(tree, new PathStack(settings.rules()), settings.maxValueChars());
        } catch (RuntimeException | StackOverflowError e) {
            return fallback.publish(value);
        }
    }

    /** The options of a {@link StructuralDiffer}. Pointers are RFC 6901, with {@code *} for any key or index. */
    public static final class Builder {

        private @Nullable ObjectMapper mapper;
        private final List<PathPattern> ignorePaths = new ArrayList<>();
        private final List<PathPattern> redactPaths = new ArrayList<>();
        private final List<PathPattern> unorderedPaths = new ArrayList<>();
        private final Map<PathPattern, Tolerance> tolerances = new LinkedHashMap<>();
        private @Nullable Tolerance tolerance;
        private int maxDifferences = ExperimentSpec.DEFAULT_MAX_DIFFERENCES;
        private int maxValueChars = ExperimentSpec.DEFAULT_MAX_VALUE_CHARS;
        private int maxAlignedElements = DEFAULT_MAX_ALIGNED_ELEMENTS;
        private int longStringChars = DEFAULT_LONG_STRING_CHARS;
        private int maxDepth = DEFAULT_MAX_DEPTH;

        private Builder() {}

        /** The mapper values become trees through; default {@link Differs#defaultMapper()}. Never modified. */
        public Builder mapper(ObjectMapper mapper) {
            this.mapper = requireNonNull(mapper, "mapper");
            return this;
        }

        /** Differences at or under these pointers are left out of the diff and only counted. */
        public Builder ignorePaths(String... pointers) {
            return ignorePaths(parse("ignorePaths", pointers));
        }

        /** As {@link #ignorePaths(String...)}, already parsed. */
        public Builder ignorePaths(Collection<PathPattern> patterns) {
            ignorePaths.addAll(List.copyOf(patterns));
            return this;
        }

        /** Values at or under these pointers are published as {@code "[REDACTED]"}; they still compare. */
        public Builder redactPaths(String... pointers) {
            return redactPaths(parse("redactPaths", pointers));
        }

        /** As {@link #redactPaths(String...)}, already parsed. */
        public Builder redactPaths(Collection<PathPattern> patterns) {
            redactPaths.addAll(List.copyOf(patterns));
            return this;
        }

        /** Arrays at these pointers are compared as unordered multisets. */
        public Builder unorderedArrays(String... pointers) {
            return unorderedArrays(parse("unorderedArrays", pointers));
        }

        /** As {@link #unorderedArrays(String...)}, already parsed. */
        public Builder unorderedArrays(Collection<PathPattern> patterns) {
            unorderedPaths.addAll(List.copyOf(patterns));
            return this;
        }

        /** Numbers anywhere match when within {@code tolerance}, unless a per-path tolerance covers them. */
        public Builder tolerance(@Nullable Tolerance tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        /**
         * Numbers at or under {@code pointer} match when within {@code tolerance}; checked before the global
         * tolerance. When several patterns cover a number, the most specific (longest) wins, then the first
         * declared.
         */
        public Builder tolerance(String pointer, Tolerance tolerance) {
            return tolerances(Map.of(parse("tolerance", pointer).getFirst(), requireNonNull(tolerance, "tolerance")));
        }

        /** As {@link #tolerance(String, Tolerance)} for each entry, in the map's order. */
        public Builder tolerances(Map<PathPattern, Tolerance> tolerances) {
            tolerances.forEach((pattern, t) -> this.tolerances.put(
                    requireNonNull(pattern, "tolerances: pattern"), requireNonNull(t, "tolerances: tolerance")));
            return this;
        }

        /** At most this many differences are kept, the true count aside. Default 100, at least 1. */
        public Builder maxDifferences(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxDifferences must be at least 1, was " + max);
            }
            this.maxDifferences = max;
            return this;
        }

        /** Each value's JSON text (and each text diff) is cut to this many characters. Default 16 KiB, at least 16. */
        public Builder maxValueChars(int max) {
            if (max < 16) {
                throw new IllegalArgumentException("maxValueChars must be at least 16, was " + max);
            }
            this.maxValueChars = max;
            return this;
        }

        /**
         * Arrays are aligned only when, past their equal prefix and suffix, both sides hold at most this many
         * elements together; longer ones are compared index by index, and the diff's note says so. Bounds the
         * alignment's work, which grows with the product of length and edit distance. Default 2,000.
         */
        public Builder maxAlignedElements(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxAlignedElements must be >= 0, was " + max);
            }
            this.maxAlignedElements = max;
            return this;
        }

        /** Strings longer than this, or with several lines, carry a text diff. Default 120. */
        public Builder longStringChars(int chars) {
            if (chars < 0) {
                throw new IllegalArgumentException("longStringChars must be >= 0, was " + chars);
            }
            this.longStringChars = chars;
            return this;
        }

        /**
         * A value nesting deeper than this many objects and arrays is taken for a cycle and compared with
         * {@code equals}. Default 500, which a default 512 KiB thread stack holds.
         */
        public Builder maxDepth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("maxDepth must be at least 1, was " + depth);
            }
            this.maxDepth = depth;
            return this;
        }

        /** The differ with these options. */
        public StructuralDiffer build() {
            return new StructuralDiffer(this);
        }

        private static List<PathPattern> parse(String option, String... pointers) {
            requireNonNull(pointers, option);
            List<PathPattern> patterns = new ArrayList<>(pointers.length);
            for (String pointer : pointers) {
                requireNonNull(pointer, option + ": pointer");
                try {
                    patterns.add(PathPattern.parse(pointer));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
                }
            }
            return patterns;
        }
    }
}
