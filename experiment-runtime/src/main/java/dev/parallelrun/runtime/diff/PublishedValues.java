package dev.parallelrun.runtime.diff;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.parallelrun.experiment.PublishedValue;

/** Caps JSON text to a size and quotes plain text as JSON: shared by every differ. */
public final class PublishedValues {

    private PublishedValues() {}

    /**
     * {@code json} as a published value, or, when longer than {@code maxChars}, a JSON string holding its
     * first characters followed by {@link PublishedValue#ELLIPSIS}.
     */
    public static PublishedValue capped(String json, int maxChars, boolean structural) {
        return capped(json, json.length(), maxChars, structural);
    }

    /**
     * As {@link #capped(String, int, boolean)}, for text of which only the start was kept: {@code head} is the
     * whole JSON text when {@code fullLength <= maxChars}, else at least its first {@code maxChars} characters.
     */
    static PublishedValue capped(String head, int fullLength, int maxChars, boolean structural) {
        if (fullLength <= maxChars) {
            return new PublishedValue(head, false, fullLength, structural);
        }
        int end = Math.min(maxChars, head.length());
        if (end > 0 && Character.isHighSurrogate(head.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        return new PublishedValue(
                quote(head.substring(0, end) + PublishedValue.ELLIPSIS), true, fullLength, structural);
    }

    /** {@code text} cut to {@code maxChars} characters followed by {@link PublishedValue#ELLIPSIS}: plain text. */
    static String cut(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + PublishedValue.ELLIPSIS;
    }

    /** {@code text} as a JSON string literal. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        return out.append('"').toString();
    }
}
