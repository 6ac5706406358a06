package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import java.io.Serial;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Thrown in strict mode when a candidate's outcome is anything but {@link Outcome#acceptable() acceptable} (a
 * match or an ignored difference), so a test that drives an experiment fails on a mismatch, a timeout, a skip or a
 * failed comparison. The message shows the differences, in the published (cleaned, redacted) form.
 *
 * <p>Unchecked: a {@code catch (Exception e)} around the call swallows it, so keep such a catch out of the code a
 * strict test drives, or rethrow it. {@link #result()} is the published result (in memory only: it is transient).
 * Each candidate's exception, and each comparator's, is attached as a suppressed exception with its own stack; when
 * the exception is serialized they travel as {@link CandidateFailure}s holding their class, message and stack, so
 * the exception always serializes whatever the candidates threw.
 */
public final class MismatchException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 2L;

    private final String experiment;
    private final LinkedHashMap<String, Outcome> outcomes;
    private final transient @Nullable Result<?> result;

    /**
     * @param experiment the experiment's name
     * @param outcomes each candidate's outcome
     * @param message what differs, already formatted
     * @param result the result behind it, or {@code null}
     */
    public MismatchException(
            String experiment, Map<String, Outcome> outcomes, String message, @Nullable Result<?> result) {
        super(message);
        this.experiment = experiment;
        this.outcomes = new LinkedHashMap<>(outcomes);
        this.result = result;
    }

    /** The strict-mode failure for {@code result}: the message, the result, and each candidate's exception. */
    public static MismatchException of(Result<?> result) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        StringBuilder message =
                new StringBuilder("experiment '").append(result.experiment()).append("'");
        if (result.call().key() != null) {
            message.append(" (key ").append(result.call().key()).append(")");
        }
        message.append(":");
        for (CandidateResult<?> candidate : result.candidates()) {
            outcomes.put(candidate.name(), candidate.outcome());
            message.append("\n  candidate '")
                    .append(candidate.name())
                    .append("': ")
                    .append(candidate.outcome());
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
                    message.append("\n    ... ")
                            .append(diff.total() - diff.differences().size())
                            .append(" more");
                }
            }
        }
        message.append("\n  control: ").append(result.control());
        MismatchException mismatch = new MismatchException(result.experiment(), outcomes, message.toString(), result);
        for (CandidateResult<?> candidate : result.candidates()) {
            Run<?> run = candidate.run();
            if (run != null && run.exception() != null) {
                mismatch.addSuppressed(run.exception());
            }
            if (candidate.fault() != null) {
                mismatch.addSuppressed(candidate.fault());
            }
        }
        return mismatch;
    }

    /** The experiment's name. */
    public String experiment() {
        return experiment;
    }

    /** Each candidate's outcome; unmodifiable. */
    public Map<String, Outcome> outcomes() {
        return Collections.unmodifiableMap(outcomes);
    }

    /** The published result this failure is about; {@code null} after deserialization. */
    public @Nullable Result<?> result() {
        return result;
    }

    /** What is serialized: the same failure, its suppressed exceptions as {@link CandidateFailure}s. */
    @Serial
    private Object writeReplace() {
        // the constructor's message: never null, and serialized with the exception
        MismatchException copy =
                new MismatchException(experiment, outcomes, requireNonNull(getMessage(), "message"), null);
        copy.setStackTrace(getStackTrace());
        for (Throwable suppressed : getSuppressed()) {
            copy.addSuppressed(suppressed instanceof CandidateFailure ? suppressed : new CandidateFailure(suppressed));
        }
        return copy;
    }

    /** A candidate's (or a comparator's) exception as it travels in a serialized {@link MismatchException}. */
    public static final class CandidateFailure extends RuntimeException {

        @Serial
        private static final long serialVersionUID = 1L;

        private final String className;

        CandidateFailure(Throwable original) {
            super(Run.describe(original));
            this.className = original.getClass().getName();
            setStackTrace(original.getStackTrace());
        }

        /** The class name of the original exception. */
        public String className() {
            return className;
        }
    }
}
