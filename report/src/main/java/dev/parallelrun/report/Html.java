package dev.parallelrun.report;

/**
 * Escaping for the two contexts the HTML report puts input in: element text and double-quoted attribute
 * values (the same escape serves both). Input never goes into a script, a style, a URL or an unquoted
 * attribute: the page has no script at all.
 */
final class Html {

    private Html() {}

    /**
     * {@code text} with {@code & < > " '} as character references, and control characters other than tab and
     * line feed (which HTML does not allow, or shows nowhere) as the visible {@code \\u} escape.
     */
    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default ->
                    (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0)
                            ? String.format(java.util.Locale.ROOT, "\\u%04x", (int) c)
                            : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
