package dev.parallelrun.publisher.jsonlines;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Writes text the engine says is JSON (published values, difference values) into a line. Valid,
 * single-line JSON is embedded as it is (no tree is built); valid JSON with line breaks or unpaired
 * surrogates is re-encoded token by token so the line stays one line of UTF-8; anything else is written
 * as a JSON string, so no input can break the line.
 */
final class JsonText {

    /** How a text goes into a line. */
    enum Kind {
        /** Valid JSON on one line: embedded raw. */
        RAW,
        /** Valid JSON that needs re-encoding: whitespace line breaks or unpaired surrogates. */
        REENCODE,
        /** Not one JSON value: written as a string. */
        NOT_JSON
    }

    private final JsonFactory factory;

    JsonText(JsonFactory factory) {
        this.factory = factory;
    }

    /** Writes {@code text} as the next value of {@code generator}. */
    void write(JsonGenerator generator, String text) throws IOException {
        switch (classify(text)) {
            case RAW -> generator.writeRawValue(text);
            case REENCODE -> {
                try (JsonParser parser = factory.createParser(text)) {
                    parser.nextToken();
                    generator.copyCurrentStructure(parser);
                }
            }
            case NOT_JSON -> generator.writeString(text);
        }
    }

    /** How {@code text} would be written. */
    Kind classify(String text) {
        boolean reencode = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                reencode = true; // JSON allows them only as whitespace between tokens: valid but not one line
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    reencode = true; // UTF-8 has no encoding for it: the generator escapes it as \\uXXXX
                }
            } else if (Character.isLowSurrogate(c)) {
                reencode = true;
            }
        }
        if (!isOneValue(text)) {
            return Kind.NOT_JSON;
        }
        return reencode ? Kind.REENCODE : Kind.RAW;
    }

    /** True when {@code text} is exactly one JSON value, surrounded by whitespace at most. */
    private boolean isOneValue(String text) {
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return false;
            }
            parser.skipChildren(); // reads every token of a container: that is what validates it
            return parser.nextToken() == null; // also finishes a lazily read string, which checks it
        } catch (IOException | RuntimeException e) {
            return false; // a parse error, or a value past Jackson's read limits (depth, number length)
        }
    }
}
