package dev.parallelrun.report;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A line (or a whole file) the reader could not use, with where it is and why.
 *
 * @param file the file
 * @param line the 1-based line number, or 0 when the problem concerns the whole file
 * @param message what is wrong, for a person
 */
public record ReadProblem(Path file, long line, String message) {

    /** Checks the parts. */
    public ReadProblem {
        requireNonNull(file, "file");
        requireNonNull(message, "message");
    }

    /** {@code file:line: message}, the form compilers use, so editors and terminals can link to it. */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
