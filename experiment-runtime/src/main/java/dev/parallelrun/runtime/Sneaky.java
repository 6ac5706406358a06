package dev.parallelrun.runtime;

/** Rethrows the control's exception as it is: same instance, checked or not. */
final class Sneaky {

    private Sneaky() {}

    /** Throws {@code exception}; the return type lets callers write {@code throw Sneaky.rethrow(e)}. */
    @SuppressWarnings("unchecked")
    static <X extends Throwable> RuntimeException rethrow(Throwable exception) throws X {
        throw (X) exception;
    }
}
