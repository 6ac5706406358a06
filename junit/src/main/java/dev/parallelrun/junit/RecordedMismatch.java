package dev.parallelrun.junit;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.Candidates;
import dev.parallelrun.experiment.Outcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One recorded call of an experiment, as {@link MismatchSource} read it from a JSON Lines file: what a test needs
 * to replay it and to say where it came from. A test gets it by declaring a parameter of this type.
 *
 * @param experiment the experiment's name
 * @param candidate the candidate's name
 * @param outcome the candidate's recorded outcome
 * @param signature the signature of its differences, or {@code ""} when it has none (a timeout, a failed
 *     comparison, a mismatch without differences)
 * @param group which example of its signature group this is, from 1
 * @param groupSize how many recorded results the group has in the files read (examples or not)
 * @param key the call's key, or {@code null}
 * @param context the call's context entries; unmodifiable
 * @param time when the sampled call started, or {@code null} when the line did not say
 * @param file the file the line is in
 * @param line the line's number in the file, from 1
 * @param inputJson the recorded input: JSON text as published (redacted, capped)
 * @param redactedInputPaths RFC 6901 pointers where the input holds the redaction placeholder instead of the real
 *     value; unmodifiable
 * @param controlJson the control's recorded value as JSON text, or {@code null} when the control threw
 * @param controlException the control's exception as {@code class: message}, or {@code null} when it returned
 * @param differences the recorded differences, one {@code op path previous -> value} text each; unmodifiable
 */
public record RecordedMismatch(
        String experiment,
        String candidate,
        Outcome outcome,
        String signature,
        int group,
        long groupSize,
        @Nullable String key,
        Map<String, String> context,
        @Nullable Instant time,
        Path file,
        long line,
        String inputJson,
        List<String> redactedInputPaths,
        @Nullable String controlJson,
        @Nullable String controlException,
        List<String> differences) {

    /** Checks the parts and copies the collections. */
    public RecordedMismatch {
        requireNonNull(experiment, "experiment");
        requireNonNull(candidate, "candidate");
        requireNonNull(outcome, "outcome");
        requireNonNull(signature, "signature");
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
        requireNonNull(file, "file");
        requireNonNull(inputJson, "inputJson");
        redactedInputPaths = List.copyOf(redactedInputPaths);
        differences = List.copyOf(differences);
    }

    /** The group's name: its signature, or its outcome when it has none (as the report titles groups). */
    public String groupName() {
        return signature.isEmpty() ? outcome.name() : signature;
    }

    /** Where the line is: {@code file-name:line}. */
    public String location() {
        return file.getFileName() + ":" + line;
    }

    /**
     * The test case's display name: the group, which example of how many, the key, the candidate when it is not
     * the lone default one, and the location.
     */
    public String displayName() {
        StringBuilder name = new StringBuilder(groupName())
                .append(" #")
                .append(group)
                .append(" of ")
                .append(groupSize);
        if (key != null) {
            name.append(", key ").append(key);
        }
        if (!candidate.equals(Candidates.DEFAULT_NAME)) {
            name.append(", candidate '").append(candidate).append("'");
        }
        return name.append(" (").append(location()).append(")").toString();
    }

    /** This record as example {@code group} of a group of {@code groupSize}. */
    RecordedMismatch numbered(int group, long groupSize) {
        return new RecordedMismatch(
                experiment,
                candidate,
                outcome,
                signature,
                group,
                groupSize,
                key,
                context,
                time,
                file,
                line,
                inputJson,
                redactedInputPaths,
                controlJson,
                controlException,
                differences);
    }

    @Override
    public String toString() {
        return "RecordedMismatch[" + experiment + " " + displayName() + "]";
    }
}
