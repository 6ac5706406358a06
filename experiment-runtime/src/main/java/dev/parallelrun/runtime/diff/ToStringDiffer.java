package dev.parallelrun.runtime.diff;

import dev.parallelrun.experiment.Diff;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.Operation;
import dev.parallelrun.experiment.PublishedValue;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The fallback of contract rule 6: values that cannot be turned into trees are compared with
 * {@code equals} and shown with {@code toString}. When the experiment redacts paths, {@code toString}
 * could leak what should be redacted, so a placeholder naming the class is published instead.
 */
public final class ToStringDiffer implements Differ {

    /** Jackson's messages can list a whole reference chain: the note keeps their start. */
    private static final int MAX_CAUSE_CHARS = 300;

    static final String NOTE =
            "compared with equals and shown with toString: the values could not be turned into trees";

    private final int maxValueChars;
    private final boolean redacting;

    /**
     * @param maxValueChars cap on each published value
     * @param redacting true when the experiment redacts paths, so {@code toString} must not be published
     */
    public ToStringDiffer(int maxValueChars, boolean redacting) {
        this.maxValueChars = maxValueChars;
        this.redacting = redacting;
    }

    @Override
    public Comparison compare(@Nullable Object control, @Nullable Object candidate) {
        return compare(control, candidate, null);
    }

    /** As {@link #compare(Object, Object)}, saying why the structural comparison was given up. */
    public Comparison compare(@Nullable Object control, @Nullable Object candidate, @Nullable Throwable cause) {
        boolean equal;
        try {
            equal = Objects.equals(control, candidate);
        } catch (RuntimeException | StackOverflowError e) {
            equal = false; // a hostile (or cyclic) equals is a difference, not a crash
        }
        if (equal) {
            return cause == null ? Comparison.equal() : new Comparison(Diff.none(), 0, cause);
        }
        Difference difference = new Difference(
                Operation.REPLACE,
                "",
                publish(candidate).json(),
                publish(control).json(),
                null);
        String note = cause == null
                ? NOTE
                : NOTE + " (" + cause.getClass().getSimpleName() + ": "
                        + PublishedValues.cut(String.valueOf(cause.getMessage()), MAX_CAUSE_CHARS) + ")";
        Diff diff = new Diff(List.of(difference), 1, Signature.of(List.of("replace ")), false, note);
        return new Comparison(diff, 0, cause);
    }

    @Override
    public TreeMatch sameTree(@Nullable Object control, @Nullable Object candidate) {
        return TreeMatch.UNKNOWN;
    }

    @Override
    public PublishedValue publish(@Nullable Object value) {
        if (value == null) {
            return new PublishedValue("null", false, 4, false);
        }
        String text;
        if (redacting) {
            text = "[not published: a " + value.getClass().getName() + " that is not a tree cannot be redacted]";
        } else {
            try {
                text = String.valueOf(value);
            } catch (RuntimeException | StackOverflowError e) {
                text = "[" + value.getClass().getName() + ".toString() threw "
                        + e.getClass().getName() + "]";
            }
        }
        return PublishedValues.capped(PublishedValues.quote(text), maxValueChars, false);
    }
}
