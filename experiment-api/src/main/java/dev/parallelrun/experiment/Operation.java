package dev.parallelrun.experiment;

import java.util.Locale;

/** An RFC 6902 operation kind a {@link Difference} can have. */
public enum Operation {
    /** The candidate has a member or element the control lacks. */
    ADD,
    /** The control has a member or element the candidate lacks. */
    REMOVE,
    /** Both have the location, with different values. */
    REPLACE;

    // Computed once: publishers and the report ask for it per difference.
    private final String rfcName = name().toLowerCase(Locale.ROOT);

    /** The RFC 6902 name: {@code add}, {@code remove} or {@code replace}. */
    public String rfcName() {
        return rfcName;
    }
}
