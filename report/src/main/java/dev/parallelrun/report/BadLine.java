package dev.parallelrun.report;

/** A line that cannot be used; the message says why, for a person. Caught by the reader, never escapes. */
final class BadLine extends Exception {

    private static final long serialVersionUID = 1L;

    BadLine(String message) {
        super(message, null, false, false);
    }
}
