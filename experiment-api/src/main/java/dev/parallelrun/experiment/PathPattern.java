package dev.parallelrun.experiment;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An RFC 6901 JSON pointer in which a token that is exactly {@code *} stands for any array index or
 * object key: {@code /lines/*}{@code /quotedAt}. Used by ignore, redact, tolerance and unordered-array
 * options. A token that contains {@code *} among other characters is refused, since it is almost
 * certainly a mistake.
 *
 * @param pointer the pointer as written
 * @param tokens its reference tokens, unescaped ({@code ~1} is {@code /}, {@code ~0} is {@code ~})
 */
public record PathPattern(String pointer, List<String> tokens) {

    /** The token that matches anything. */
    public static final String ANY = "*";

    /** Copies the tokens. */
    public PathPattern {
        requireNonNull(pointer, "pointer");
        tokens = List.copyOf(tokens);
    }

    /**
     * Parses {@code pointer}.
     *
     * @throws IllegalArgumentException naming the pointer, when it is not an RFC 6901 pointer
     */
    public static PathPattern parse(String pointer) {
        requireNonNull(pointer, "pointer");
        if (pointer.isEmpty()) {
            return new PathPattern(pointer, List.of());
        }
        if (pointer.charAt(0) != '/') {
            throw invalid(pointer, "it must start with '/'");
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            if (raw.contains(ANY) && !raw.equals(ANY)) {
                throw invalid(pointer, "'*' must be a whole token");
            }
            tokens.add(unescape(pointer, raw));
        }
        return new PathPattern(pointer, Collections.unmodifiableList(tokens));
    }

    private static String unescape(String pointer, String raw) {
        if (raw.indexOf('~') < 0) {
            return raw;
        }
        StringBuilder token = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '~') {
                token.append(c);
            } else if (i + 1 < raw.length() && (raw.charAt(i + 1) == '0' || raw.charAt(i + 1) == '1')) {
                token.append(raw.charAt(++i) == '0' ? '~' : '/');
            } else {
                throw invalid(pointer, "'~' must be followed by 0 or 1");
            }
        }
        return token.toString();
    }

    private static IllegalArgumentException invalid(String pointer, String why) {
        return new IllegalArgumentException("'" + pointer + "' is not an RFC 6901 pointer: " + why);
    }

    /** Escapes one reference token for a pointer: {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    public static String escape(String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return token;
        }
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** True when {@code path} (unescaped tokens) is exactly the location this pattern names. */
    public boolean matches(List<String> path) {
        return path.size() == tokens.size() && matchesPrefixOf(path);
    }

    /** True when {@code path} is this pattern's location or lies under it. */
    public boolean matchesPrefixOf(List<String> path) {
        if (path.size() < tokens.size()) {
            return false;
        }
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (!token.equals(ANY) && !token.equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Splits an RFC 6901 pointer (no wildcards meant) into unescaped tokens. */
    public static List<String> tokensOf(String pointer) {
        if (pointer.isEmpty()) {
            return List.of();
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    @Override
    public String toString() {
        return pointer;
    }
}
