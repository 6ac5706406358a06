package dev.parallelrun.experiment;

import java.io.Serial;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown in strict mode when a candidate's outcome is anything but {@link Outcome#MATCH} or
 * {@link Outcome#IGNORED}, so a test that drives an experiment fails on a mismatch, a timeout or a
 * failed comparison. The message shows the differences. Unchecked and serializable: it holds names and
 * text only, never the values.
 */
public final class MismatchException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String experiment;
    private final LinkedHashMap<String, Outcome> outcomes;

    /**
     * @param experiment the experiment's name
     * @param outcomes each candidate's outcome
     * @param message what differs, already formatted
     */
    public MismatchException(String experiment, Map<String, Outcome> outcomes, String message) {
        super(message);
        this.experiment = experiment;
        this.outcomes = new LinkedHashMap<>(outcomes);
    }

    /** Formats the message of a strict-mode failure for {@code result}. */
    public static MismatchException of(Result<?> result) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        StringBuilder message = new StringBuilder("experiment '").append(result.experiment()).append("'");
        if (result.call().key() != null) {
            message.append(" (key ").append(result.call().key()).append(")");
        }
        message.append(":");
        for (CandidateResult<?> candidate : result.candidates()) {
            outcomes.put(candidate.name(), candidate.outcome());
            message.append("\n  candidate '").append(candidate.name()).append("': ").append(candidate.outcome());
            if (candidate.note() != null) {
                message.append(" (").append(candidate.note()).append(")");
            }
            Diff diff = candidate.diff();
            if (!diff.isEmpty()) {
                message.append(", ").append(diff.total()).append(diff.total() == 1 ? " difference" : " differences");
                for (Difference difference : diff.differences()) {
                    message.append("\n    ").append(difference);
                }
                if (diff.truncated()) {
                    message.append("\n    ... ").append(diff.total() - diff.differences().size()).append(" more");
                }
            }
        }
        message.append("\n  control: ").append(result.control());
        return new MismatchException(result.experiment(), outcomes, message.toString());
    }

    /** The experiment's name. */
    public String experiment() {
        return experiment;
    }

    /** Each candidate's outcome; unmodifiable. */
    public Map<String, Outcome> outcomes() {
        return Collections.unmodifiableMap(outcomes);
    }
}
