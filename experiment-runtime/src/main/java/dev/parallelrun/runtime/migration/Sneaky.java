package dev.parallelrun.runtime.migration;

/** Rethrows a side's exception, checked or not, as it is: the caller declared it through the behaviors' {@code X}. */
final class Sneaky {

    private Sneaky() {}

    /** Throws {@code thrown}; the return type lets callers write {@code throw Sneaky.rethrow(e)}. */
    @SuppressWarnings("unchecked")
    static <X extends Throwable> RuntimeException rethrow(Throwable thrown) throws X {
        throw (X) thrown;
    }
}
