package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

/**
 * A value as it may be published: the JSON text of the cleaned value, with redacted paths replaced
 * by {@value #REDACTED} and cut to the experiment's size cap.
 *
 * @param json JSON text; when {@code truncated}, a JSON string holding the first characters of the
 *     full text followed by {@value #ELLIPSIS}
 * @param truncated true when the text was cut by the size cap
 * @param fullLength length in characters of the full JSON text before the cap
 * @param structural false when the value could not be turned into a tree and {@code json} is a JSON
 *     string of its {@code toString()} (or of a placeholder, when redaction could not be applied)
 */
public record PublishedValue(String json, boolean truncated, int fullLength, boolean structural) {

    /** What a redacted value is replaced by. */
    public static final String REDACTED = "[REDACTED]";

    /** What ends the text of a value cut by the size cap. */
    public static final String ELLIPSIS = "…[truncated]";

    /** Checks the parts. */
    public PublishedValue {
        requireNonNull(json, "json");
    }
}
