package dev.parallelrun.report;

import static java.util.Objects.requireNonNull;

import java.io.IOException;

/** Thrown by a {@link ReportReader} in strict mode at the first line or file it cannot use. */
public final class BadInputException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Not serialized with the exception: the message carries the same text. */
    private final transient ReadProblem problem;

    /** An exception for {@code problem}; its message is {@code problem.toString()}. */
    public BadInputException(ReadProblem problem) {
        super(requireNonNull(problem, "problem").toString());
        this.problem = problem;
    }

    /** The line or file that could not be used. */
    public ReadProblem problem() {
        return problem;
    }
}
