package dev.parallelrun.benchmarks.workload;

/** Cent arithmetic shared by every engine, so that equal engines are equal by construction. */
final class Money {

    private Money() {}

    /** {@code cents} of {@code from} in cents of {@code to}, rounded half up. */
    static long convert(long cents, Currency from, Currency to) {
        return from == to ? cents : roundHalfUp(cents * from.microEuros(), to.microEuros());
    }

    /** {@code basisPoints} hundredths of a percent of {@code cents}, rounded half up. */
    static long share(long cents, int basisPoints) {
        return roundHalfUp(cents * basisPoints, 10_000);
    }

    /** {@code numerator / denominator} rounded half up, both non-negative. */
    static long roundHalfUp(long numerator, long denominator) {
        return (2 * numerator + denominator) / (2 * denominator);
    }
}
