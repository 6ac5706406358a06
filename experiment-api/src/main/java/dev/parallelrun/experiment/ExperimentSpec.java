package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The validated options of one experiment, as {@link ExperimentBuilder#build()} hands them to the
 * laboratory that runs it. Applications use the builder; laboratory implementations read this.
 *
 * @param name the experiment's name
 * @param sampleRate the fixed sampling rate, or {@code NaN} when not set
 * @param sampler the sampler, or {@code null} when not set
 * @param runIf a condition every sampled call must also meet, or {@code null}
 * @param candidateTimeout how long a candidate may run before it is interrupted
 * @param maxConcurrentCandidates how many candidates of this experiment may run at once
 * @param comparator decides whether two values match, or {@code null} for {@code equals} then the differ
 * @param errorComparator decides whether two exceptions match
 * @param ignoreRules rules that turn a mismatch into {@link Outcome#IGNORED}; unmodifiable
 * @param ignorePaths paths whose differences are ignored; unmodifiable
 * @param cleaner what is published instead of a raw value, or {@code null}
 * @param redactPaths paths whose values are never published; unmodifiable
 * @param context what the result shows about the call, or {@code null}
 * @param beforeRun set-up that only sampled calls pay for, or {@code null}
 * @param expiresOn the date past which the experiment is flagged (or fails, in strict mode), or {@code null}
 * @param strict strict mode, or {@code null} to follow the laboratory
 * @param tolerance numeric tolerance everywhere, or {@code null}
 * @param tolerances numeric tolerance per path, checked before the global one; unmodifiable
 * @param unorderedPaths arrays compared as multisets; unmodifiable
 * @param maxDifferences cap on differences per candidate
 * @param maxValueChars cap on the characters of each published value
 * @param readiness the criteria of the readiness verdict
 * @param <T> the experiment's value type
 */
public record ExperimentSpec<T extends @Nullable Object>(
        String name,
        double sampleRate,
        @Nullable Sampler sampler,
        @Nullable BooleanSupplier runIf,
        Duration candidateTimeout,
        int maxConcurrentCandidates,
        @Nullable BiPredicate<? super T, ? super T> comparator,
        BiPredicate<? super Throwable, ? super Throwable> errorComparator,
        List<BiPredicate<? super Run<T>, ? super Run<T>>> ignoreRules,
        List<PathPattern> ignorePaths,
        @Nullable Function<? super T, ? extends @Nullable Object> cleaner,
        List<PathPattern> redactPaths,
        @Nullable Supplier<? extends Map<String, ?>> context,
        @Nullable Runnable beforeRun,
        @Nullable LocalDate expiresOn,
        @Nullable Boolean strict,
        @Nullable Tolerance tolerance,
        Map<PathPattern, Tolerance> tolerances,
        List<PathPattern> unorderedPaths,
        int maxDifferences,
        int maxValueChars,
        ReadinessCriteria readiness) {

    /** Default {@link #candidateTimeout()}. */
    public static final Duration DEFAULT_CANDIDATE_TIMEOUT = Duration.ofSeconds(1);

    /** Default {@link #maxConcurrentCandidates()}. */
    public static final int DEFAULT_MAX_CONCURRENT_CANDIDATES = 64;

    /** Default {@link #maxDifferences()}. */
    public static final int DEFAULT_MAX_DIFFERENCES = 100;

    /** Default {@link #maxValueChars()}: 16 KiB. */
    public static final int DEFAULT_MAX_VALUE_CHARS = 16 * 1024;

    /** Two exceptions match when their classes and messages are equal. */
    public static final BiPredicate<Throwable, Throwable> SAME_CLASS_AND_MESSAGE =
            (a, b) -> a.getClass() == b.getClass() && java.util.Objects.equals(a.getMessage(), b.getMessage());

    /** Copies the collections. */
    public ExperimentSpec {
        requireNonNull(name, "name");
        requireNonNull(candidateTimeout, "candidateTimeout");
        requireNonNull(errorComparator, "errorComparator");
        ignoreRules = List.copyOf(ignoreRules);
        ignorePaths = List.copyOf(ignorePaths);
        redactPaths = List.copyOf(redactPaths);
        tolerances = Collections.unmodifiableMap(new LinkedHashMap<>(tolerances));
        unorderedPaths = List.copyOf(unorderedPaths);
        requireNonNull(readiness, "readiness");
    }

    /** True when neither a sample rate nor a sampler was set: every call is sampled. */
    public boolean samplesEveryCall() {
        return Double.isNaN(sampleRate) && sampler == null;
    }
}
