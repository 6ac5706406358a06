package dev.parallelrun.report;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.Outcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One sampled call kept as an example of a {@link SignatureGroup}: both sides and the differences, as
 * published (cleaned, redacted and capped by the engine) and cut further to the reader's
 * {@link ReadLimits}.
 *
 * @param time when the call started
 * @param host the host that wrote it
 * @param jvm the publisher instance that wrote it
 * @param key the call's key, or {@code null}
 * @param context the call's context entries (the first 10, cut to 200 characters)
 * @param traceId the caller's trace id, or {@code null}
 * @param candidate the candidate's name
 * @param outcome the candidate's outcome
 * @param control what the control did
 * @param candidateRun what the candidate did, or {@code null} when it was skipped
 * @param differences the first differences; values are JSON text, cut ones as a JSON string ending
 *     {@value #CUT}
 * @param differenceCount how many differences there were before any cap
 * @param structural false when the engine compared with equals/toString
 * @param note the engine's note, or {@code null}
 * @param file the file it was read from
 * @param line its line number there
 */
public record Example(
        Instant time,
        String host,
        String jvm,
        @Nullable String key,
        Map<String, String> context,
        @Nullable String traceId,
        String candidate,
        Outcome outcome,
        Run control,
        @Nullable Run candidateRun,
        List<Difference> differences,
        long differenceCount,
        boolean structural,
        @Nullable String note,
        Path file,
        long line) {

    /** What ends a value or text this reader cut. */
    public static final String CUT = "…[cut by the report]";

    /**
     * One side of the call.
     *
     * @param durationNanos wall-clock time
     * @param value the value's JSON text ({@code "null"} for a null value), or {@code null} when it did not
     *     return (it threw or timed out)
     * @param truncated true when the publisher cut the value (it is then a JSON string)
     * @param cut true when this reader cut the value to {@link ReadLimits#maxExampleValueChars()}
     * @param fullLength the length of the full JSON text, when known, else -1
     * @param exceptionClass the class of what it threw, or {@code null}
     * @param exceptionMessage the message of what it threw, or {@code null}
     * @param completed false when it timed out and was not waited for
     * @param started false when it timed out before its behaviour started (it never got a thread in time)
     * @param startDelayNanos from sampling to the behaviour's start, or -1 when the line does not say
     */
    public record Run(
            long durationNanos,
            @Nullable String value,
            boolean truncated,
            boolean cut,
            long fullLength,
            @Nullable String exceptionClass,
            @Nullable String exceptionMessage,
            boolean completed,
            boolean started,
            long startDelayNanos) {

        /** True when the run threw. */
        public boolean threw() {
            return exceptionClass != null;
        }
    }

    /** Checks the parts and copies the collections. */
    public Example {
        requireNonNull(time, "time");
        requireNonNull(host, "host");
        requireNonNull(jvm, "jvm");
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
        requireNonNull(candidate, "candidate");
        requireNonNull(outcome, "outcome");
        requireNonNull(control, "control");
        differences = List.copyOf(differences);
        requireNonNull(file, "file");
    }
}
