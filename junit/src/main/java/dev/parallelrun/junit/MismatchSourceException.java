package dev.parallelrun.junit;

import java.io.Serial;

/**
 * Why a {@link MismatchSource} test could not be fed: a file or directory that does not exist, a bad attribute,
 * lines that cannot be replayed (each with its file, line and reason), or nothing to replay. JUnit reports it as the
 * failure of the parameterized test.
 */
public final class MismatchSourceException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    MismatchSourceException(String message) {
        super(message);
    }

    MismatchSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
