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
        if (json.length() <= maxChars) {
            return new PublishedValue(json, false, json.length(), structural);
        }
        int end = maxChars;
        if (Character.isHighSurrogate(json.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        return new PublishedValue(quote(json.substring(0, end) + PublishedValue.ELLIPSIS), true, json.length(),
                structural);
    }

    /** {@code text} as a JSON string literal. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        return out.append('"').toString();
    }
}
