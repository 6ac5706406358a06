package dev.parallelrun.runtime.diff;

import dev.parallelrun.experiment.PathPattern;
import dev.parallelrun.experiment.Tolerance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The path options of a differ (ignore, redact, per-path tolerance, unordered arrays), compiled so that a walk
 * can follow them level by level without allocating: every pattern is a bit, and each level of a
 * {@link PathStack} holds two bit sets, the patterns still <em>alive</em> (their first tokens match the path so
 * far) and the patterns that <em>cover</em> the path (matched completely at this level or above).
 */
final class PathRules {

    static final int IGNORE = 0;
    static final int REDACT = 1;
    static final int TOLERANCE = 2;
    static final int UNORDERED = 3;
    private static final int KINDS = 4;
    private static final int NOT_AN_INDEX = -1;

    static final PathRules NONE = new PathRules(List.of(), List.of(), Map.of(), List.of());

    /** 64-bit words per bit set. */
    final int words;

    private final int size;
    private final int[] lengths;
    private final int[] kinds;
    private final String[][] tokens;
    private final boolean[][] any;
    private final int[][] indexes;
    private final @Nullable Tolerance[] tolerances;
    private final long[][] kindMasks;
    private final long[] softMask;
    private final boolean indexTokens;

    PathRules(
            Collection<PathPattern> ignore,
            Collection<PathPattern> redact,
            Map<PathPattern, Tolerance> tolerance,
            Collection<PathPattern> unordered) {
        List<PathPattern> patterns = new ArrayList<>();
        List<Integer> kindOf = new ArrayList<>();
        List<@Nullable Tolerance> toleranceOf = new ArrayList<>();
        add(patterns, kindOf, toleranceOf, ignore, IGNORE);
        add(patterns, kindOf, toleranceOf, redact, REDACT);
        // declaration order is kept: among equally specific patterns, the first declared wins
        tolerance.forEach((pattern, t) -> {
            patterns.add(pattern);
            kindOf.add(TOLERANCE);
            toleranceOf.add(t);
        });
        add(patterns, kindOf, toleranceOf, unordered, UNORDERED);

        size = patterns.size();
        words = (size + 63) / 64;
        lengths = new int[size];
        kinds = new int[size];
        tokens = new String[size][];
        any = new boolean[size][];
        indexes = new int[size][];
        tolerances = toleranceOf.toArray(new Tolerance[0]);
        kindMasks = new long[KINDS][words];
        softMask = new long[words];
        boolean anyIndexToken = false;
        for (int p = 0; p < size; p++) {
            List<String> t = patterns.get(p).tokens();
            lengths[p] = t.size();
            kinds[p] = kindOf.get(p);
            tokens[p] = t.toArray(new String[0]);
            any[p] = new boolean[t.size()];
            indexes[p] = new int[t.size()];
            for (int i = 0; i < t.size(); i++) {
                any[p][i] = t.get(i).equals(PathPattern.ANY);
                indexes[p][i] = indexOf(t.get(i));
                anyIndexToken |= indexes[p][i] != NOT_AN_INDEX;
            }
            kindMasks[kinds[p]][p >>> 6] |= 1L << p;
            if (kinds[p] != REDACT) {
                softMask[p >>> 6] |= 1L << p;
            }
        }
        indexTokens = anyIndexToken;
    }

    private static void add(
            List<PathPattern> patterns,
            List<Integer> kindOf,
            List<@Nullable Tolerance> toleranceOf,
            Collection<PathPattern> source,
            int kind) {
        for (PathPattern pattern : source) {
            patterns.add(pattern);
            kindOf.add(kind);
            toleranceOf.add(null);
        }
    }

    /** The array index a token names (RFC 6901: digits, no leading zero), or {@link #NOT_AN_INDEX}. */
    private static int indexOf(String token) {
        if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
            return NOT_AN_INDEX;
        }
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                return NOT_AN_INDEX;
            }
        }
        return Integer.parseInt(token);
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** True when some pattern names a specific array index, so elements cannot be hashed without their index. */
    boolean hasIndexTokens() {
        return indexTokens;
    }

    /** Fills the root level at {@code base}: every pattern alive, the root pointer {@code ""} covering. */
    void root(long[] state, int base) {
        for (int p = 0; p < size; p++) {
            state[base + (p >>> 6)] |= 1L << p;
            if (lengths[p] == 0) {
                state[base + words + (p >>> 6)] |= 1L << p;
            }
        }
    }

    /**
     * Fills the level at {@code child} from the level at {@code parent} for one more token, at 0-based token
     * position {@code position}: an object key when {@code key} is not null, else the array index {@code index}.
     * Returns false when no pattern is alive or covering at the child: nothing under it needs the rules.
     */
    boolean step(long[] state, int parent, int child, int position, @Nullable String key, int index) {
        long live = 0;
        for (int w = 0; w < words; w++) {
            state[child + w] = 0;
            long inherited = state[parent + words + w];
            state[child + words + w] = inherited;
            live |= inherited;
        }
        for (int w = 0; w < words; w++) {
            long bits = state[parent + w];
            while (bits != 0) {
                int bit = Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                int p = (w << 6) + bit;
                if (lengths[p] > position && tokenMatches(p, position, key, index)) {
                    state[child + w] |= 1L << bit;
                    if (lengths[p] == position + 1) {
                        state[child + words + w] |= 1L << bit;
                    }
                    live = 1;
                }
            }
        }
        return live != 0;
    }

    private boolean tokenMatches(int p, int position, @Nullable String key, int index) {
        if (any[p][position]) {
            return true;
        }
        return key != null ? key.equals(tokens[p][position]) : indexes[p][position] == index;
    }

    /** True when a pattern of {@code kind} covers the level at {@code base}. */
    boolean covers(long[] state, int base, int kind) {
        long[] mask = kindMasks[kind];
        for (int w = 0; w < words; w++) {
            if ((state[base + words + w] & mask[w]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** True when a pattern of {@code kind} ends exactly at the level at {@code base}, of depth {@code depth}. */
    boolean endsAt(long[] state, int base, int depth, int kind) {
        return endsAtLength(state, base, kind, depth);
    }

    /** True when a pattern of {@code kind} alive at {@code base} (of depth {@code depth}) ends one level below. */
    boolean endsBelow(long[] state, int base, int depth, int kind) {
        return endsAtLength(state, base, kind, depth + 1);
    }

    private boolean endsAtLength(long[] state, int base, int kind, int length) {
        long[] mask = kindMasks[kind];
        for (int w = 0; w < words; w++) {
            long bits = state[base + w] & mask[w];
            while (bits != 0) {
                int bit = Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (lengths[(w << 6) + bit] == length) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when an ignore, tolerance or unordered pattern could apply at or under the level at {@code base}. */
    boolean soft(long[] state, int base) {
        for (int w = 0; w < words; w++) {
            if (((state[base + w] | state[base + words + w]) & softMask[w]) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The tolerance of the most specific (longest) per-path pattern covering the level at {@code base}, the first
     * declared among equally long ones; or null.
     */
    @Nullable
    Tolerance tolerance(long[] state, int base) {
        long[] mask = kindMasks[TOLERANCE];
        int best = -1;
        for (int w = 0; w < words; w++) {
            long bits = state[base + words + w] & mask[w];
            while (bits != 0) {
                int p = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (best < 0 || lengths[p] > lengths[best]) {
                    best = p;
                }
            }
        }
        return best < 0 ? null : tolerances[best];
    }
}
