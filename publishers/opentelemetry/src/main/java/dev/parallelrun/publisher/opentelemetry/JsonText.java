package dev.parallelrun.publisher.opentelemetry;

/**
 * Just enough JSON for a log record's body: quoting strings, and checking that a value the engine handed
 * over as JSON text really is one before it is embedded as it is (one bad value must not make the whole
 * body unreadable).
 */
final class JsonText {

    private static final int MAX_DEPTH = 256;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    /** Appends {@code text} as a JSON string; control characters and lone surrogates are escaped. */
    static void quote(StringBuilder out, CharSequence text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || (Character.isSurrogate(c) && !pairedSurrogate(text, i))) {
                        out.append("\\u")
                                .append(HEX[c >> 12 & 0xF])
                                .append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF])
                                .append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean pairedSurrogate(CharSequence text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    /** The first {@code max} characters of {@code text}, never ending inside a surrogate pair. */
    static String head(String text, int max) {
        int end = Math.min(text.length(), max);
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** True when {@code text} is exactly one JSON value (RFC 8259), surrounding whitespace allowed. */
    static boolean isValue(String text) {
        Parser parser = new Parser(text);
        try {
            parser.skipWhitespace();
            parser.value(0);
            parser.skipWhitespace();
            return parser.at == text.length();
        } catch (IllegalArgumentException notJson) {
            return false;
        }
    }

    /** A validating scanner: reads one value and throws at the first thing that is not JSON. */
    private static final class Parser {
        private final String text;
        int at;

        Parser(String text) {
            this.text = text;
        }

        void value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("too deep");
            }
            switch (peek()) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> number();
            }
        }

        private void object(int depth) {
            at++;
            skipWhitespace();
            if (peek() == '}') {
                at++;
                return;
            }
            while (true) {
                skipWhitespace();
                string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                value(depth + 1);
                skipWhitespace();
                if (peek() == ',') {
                    at++;
                } else {
                    expect('}');
                    return;
                }
            }
        }

        private void array(int depth) {
            at++;
            skipWhitespace();
            if (peek() == ']') {
                at++;
                return;
            }
            while (true) {
                skipWhitespace();
                value(depth + 1);
                skipWhitespace();
                if (peek() == ',') {
                    at++;
                } else {
                    expect(']');
                    return;
                }
            }
        }

        private void string() {
            expect('"');
            while (true) {
                char c = next();
                if (c == '"') {
                    return;
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("control character in a string");
                }
                if (c == '\\') {
                    char escaped = next();
                    if (escaped == 'u') {
                        for (int i = 0; i < 4; i++) {
                            if (Character.digit(next(), 16) < 0) {
                                throw new IllegalArgumentException("bad \\u escape");
                            }
                        }
                    } else if ("\"\\/bfnrt".indexOf(escaped) < 0) {
                        throw new IllegalArgumentException("bad escape");
                    }
                }
            }
        }

        private void number() {
            if (peek() == '-') {
                at++;
            }
            if (peek() == '0') {
                at++;
            } else {
                digits();
            }
            if (at < text.length() && text.charAt(at) == '.') {
                at++;
                digits();
            }
            if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
                at++;
                if (peek() == '+' || peek() == '-') {
                    at++;
                }
                digits();
            }
        }

        private void digits() {
            int start = at;
            while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                at++;
            }
            if (at == start) {
                throw new IllegalArgumentException("digit expected");
            }
        }

        private void literal(String word) {
            if (!text.startsWith(word, at)) {
                throw new IllegalArgumentException(word + " expected");
            }
            at += word.length();
        }

        void skipWhitespace() {
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                at++;
            }
        }

        private void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException("'" + c + "' expected");
            }
        }

        private char peek() {
            if (at >= text.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            return text.charAt(at);
        }

        private char next() {
            char c = peek();
            at++;
            return c;
        }
    }
}
