package dev.parallelrun.runtime.migration;

/** Rethrows a side's exception, checked or not, as it is: the caller declared it through the behaviors' {@code X}. */
final class Sneaky {

    private Sneaky() {}

    @SuppressWarnings("unchecked")
    static <X extends Throwable> X rethrow(Throwable thrown) throws X {
        throw (X) thrown;
    }
}
