package dev.parallelrun.publisher.opentelemetry;

import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.Diff;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.PublishedValue;
import org.jspecify.annotations.Nullable;

/**
 * The JSON body of a {@code parallelrun.experiment.mismatch} log record, kept under a size budget: a log record
 * is not a file, and collectors refuse oversized messages. Long values are cut (as the engine cuts them, a JSON
 * string ending in {@value PublishedValue#ELLIPSIS}); differences that no longer fit are left out and
 * counted, so {@code differenceCount == differences.length + omittedDifferences} always holds.
 */
final class MismatchBody {

    private static final int MIN_PART = 64;

    private MismatchBody() {}

    static String of(String experiment, CandidateResult<?> candidate, int maxChars) {
        Diff diff = candidate.diff();
        int partCap = Math.max(MIN_PART, maxChars / 4);
        StringBuilder body = new StringBuilder(Math.min(maxChars, 1024));
        body.append("{\"experiment\":");
        JsonText.quote(body, JsonText.head(experiment, partCap));
        body.append(",\"candidate\":");
        JsonText.quote(body, JsonText.head(candidate.name(), partCap));
        body.append(",\"signature\":");
        JsonText.quote(body, diff.signature());
        body.append(",\"differenceCount\":").append(diff.total());
        body.append(",\"structural\":").append(diff.structural());
        if (diff.note() != null) {
            body.append(",\"note\":");
            cut(body, diff.note(), partCap);
        }
        body.append(",\"differences\":[");
        int written = 0;
        StringBuilder one = new StringBuilder();
        // room kept for the closing part: ],"omittedDifferences":<int>}
        int closing = 40;
        for (Difference difference : diff.differences()) {
            one.setLength(0);
            difference(one, difference, partCap);
            if (body.length() + one.length() + 1 + closing > maxChars) {
                break;
            }
            if (written > 0) {
                body.append(',');
            }
            body.append(one);
            written++;
        }
        body.append("],\"omittedDifferences\":").append(diff.total() - written).append('}');
        return body.toString();
    }

    private static void difference(StringBuilder out, Difference difference, int partCap) {
        out.append("{\"op\":\"").append(difference.op().rfcName()).append("\",\"path\":");
        cut(out, difference.path(), partCap);
        if (difference.value() != null) {
            out.append(",\"value\":");
            json(out, difference.value(), partCap);
        }
        if (difference.previous() != null) {
            out.append(",\"previous\":");
            json(out, difference.previous(), partCap);
        }
        if (difference.textDiff() != null) {
            out.append(",\"textDiff\":");
            cut(out, difference.textDiff(), partCap);
        }
        out.append('}');
    }

    /** JSON text embedded as it is when it is short and valid; else as a JSON string, cut when long. */
    private static void json(StringBuilder out, String json, int partCap) {
        if (json.length() <= partCap && JsonText.isValue(json)) {
            out.append(json.strip());
        } else {
            cut(out, json, partCap);
        }
    }

    private static void cut(StringBuilder out, @Nullable String text, int partCap) {
        if (text == null) {
            out.append("null");
        } else if (text.length() <= partCap) {
            JsonText.quote(out, text);
        } else {
            JsonText.quote(
                    out, JsonText.head(text, partCap - PublishedValue.ELLIPSIS.length()) + PublishedValue.ELLIPSIS);
        }
    }
}
