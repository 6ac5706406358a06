package dev.parallelrun.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The terminal report's lines: a label column, wrapping, cutting, colours, and escaping of input. */
final class TerminalLines {

    static final String INDENT = " ".repeat(15);
    private static final String LABEL = "%-13s";

    private final TerminalReport.Style style;
    final List<String> lines = new ArrayList<>();

    TerminalLines(TerminalReport.Style style) {
        this.style = style;
    }

    TerminalReport.Style style() {
        return style;
    }

    void add(String line) {
        lines.add(line);
    }

    void field(String label, String value) {
        lines.add("  " + String.format(Locale.ROOT, LABEL, label) + value);
    }

    /** {@code text}, escaped, wrapped at spaces to the style's width, in the value column. */
    void wrapped(String label, String text) {
        hanging("  " + String.format(Locale.ROOT, LABEL, label), INDENT, text);
    }

    /**
     * {@code text}, escaped, wrapped at spaces to the style's width: the first line after {@code first}, the
     * others after {@code indent}. Without unicode, the micro sign of durations becomes {@code u}.
     */
    void hanging(String first, String indent, String text) {
        String rest = safe(style.unicode() ? text : text.replace('\u00b5', 'u'));
        String prefix = first;
        while (!rest.isEmpty()) {
            int width = Math.max(20, style.width() - prefix.length());
            int end = rest.length() <= width ? rest.length() : rest.lastIndexOf(' ', width);
            if (end <= 0) {
                end = Math.min(width, rest.length());
            }
            lines.add(prefix + rest.substring(0, end).strip());
            rest = rest.substring(end).strip();
            prefix = indent;
        }
    }

    /** Numbered steps, with the line to paste under its step. */
    void nextSteps(List<NextStep> steps) {
        int number = 0;
        for (NextStep step : steps) {
            number++;
            String first = "  " + String.format(Locale.ROOT, LABEL, number == 1 ? "Next steps" : "") + number + ". ";
            String indent = INDENT + " ".repeat(String.valueOf(number).length() + 2);
            hanging(first, indent, step.text());
            String code = step.code();
            if (code != null) {
                lines.add(indent + "  " + safe(code));
            }
        }
    }

    /** The notes, wrapped, the first under the label {@code Notes}. */
    void notes(List<String> notes) {
        boolean first = true;
        for (String note : notes) {
            wrapped(first ? "Notes" : "", note);
            first = false;
        }
    }

    /** Control characters and bidirectional controls as visible escapes, so input cannot drive the terminal. */
    static String safe(String text) {
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = isControl(c);
            if (control && safe == null) {
                safe = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (safe != null) {
                if (control) {
                    safe.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    safe.append(c);
                }
            }
        }
        return safe == null ? text : safe.toString();
    }

    /** A control character or a bidirectional control: what {@link #safe} escapes. */
    static boolean isControl(char c) {
        return Character.isISOControl(c)
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200e'
                || c == '\u200f';
    }

    static String cut(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        int end = Math.max(0, width - 3);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }

    String bold(String text) {
        return style.color() ? "\u001b[1m" + text + "\u001b[0m" : text;
    }

    String red(String text) {
        return style.color() ? "\u001b[31m" + text + "\u001b[0m" : text;
    }

    String green(String text) {
        return style.color() ? "\u001b[32m" + text + "\u001b[0m" : text;
    }

    String yellow(String text) {
        return style.color() ? "\u001b[33m" + text + "\u001b[0m" : text;
    }
}
