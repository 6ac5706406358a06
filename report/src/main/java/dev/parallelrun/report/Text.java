package dev.parallelrun.report;

import java.util.Locale;

/** Small text helpers shared by the reader and the renderers. */
final class Text {

    private Text() {}

    /** {@code text} cut to at most {@code max} chars (never inside a surrogate pair), marked when cut. */
    static String cap(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + Example.CUT;
    }

    /**
     * {@code text} as a Java string literal. Every character the terminal report would escape (control characters,
     * bidirectional controls) is a Java escape, so the literal prints as it is and pastes into source unchanged.
     */
    static String javaString(String text) {
        StringBuilder literal = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (TerminalLines.isControl(c)) {
                        literal.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        literal.append(c);
                    }
                }
            }
        }
        return literal.append('"').toString();
    }

    /** {@code text} cut and in double quotes, for messages. */
    static String quote(String text, int max) {
        return "\"" + cap(text, max) + "\"";
    }

    /**
     * Folds array indices in an RFC 6901 pointer to {@code *}, as the engine does for signatures: a token of
     * digits only becomes {@code *}. (A pointer does not say whether a token indexes an array or names an
     * object member; an all-digit member name is folded too.)
     */
    static String fold(String pointer) {
        if (pointer.isEmpty()) {
            return pointer;
        }
        StringBuilder folded = null;
        int tokenStart = 1;
        int length = pointer.length();
        for (int i = 1; i <= length; i++) {
            if (i == length || pointer.charAt(i) == '/') {
                boolean digits = i > tokenStart;
                for (int j = tokenStart; j < i && digits; j++) {
                    char c = pointer.charAt(j);
                    digits = c >= '0' && c <= '9';
                }
                if (digits && folded == null) {
                    folded = new StringBuilder(length).append(pointer, 0, tokenStart);
                }
                if (folded != null) {
                    folded.append(digits ? "*" : pointer.substring(tokenStart, i));
                    if (i < length) {
                        folded.append('/');
                    }
                }
                tokenStart = i + 1;
            }
        }
        return folded == null ? pointer : folded.toString();
    }
}
