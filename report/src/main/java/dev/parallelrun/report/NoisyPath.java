package dev.parallelrun.report;

import static java.util.Objects.requireNonNull;

/**
 * A path that differs on nearly every compared call: usually a clock, a generated id or a random order,
 * which hides the real mismatches behind it.
 *
 * @param path the RFC 6901 pointer, array indices folded to {@code *}
 * @param differing mismatching candidate results in which it differs
 * @param compared compared candidate results in the same window (from summary lines)
 */
public record NoisyPath(String path, long differing, long compared) {

    /** Checks the parts. */
    public NoisyPath {
        requireNonNull(path, "path");
    }

    /** {@code differing / compared}, at most 1. */
    public double share() {
        return compared == 0 ? Double.NaN : Math.min(1.0, (double) differing / compared);
    }

    /** The line to paste into the experiment's builder: {@code .ignorePaths("/quotedAt")}. */
    public String suggestion() {
        return ".ignorePaths(" + javaString(path) + ")";
    }

    /** {@code text} as a Java string literal. */
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
                    if (c < 0x20 || c == 0x7f) {
                        literal.append(String.format("\\u%04x", (int) c));
                    } else {
                        literal.append(c);
                    }
                }
            }
        }
        return literal.append('"').toString();
    }
}
