package dev.parallelrun.runtime.diff;

import dev.parallelrun.experiment.PathPattern;
import dev.parallelrun.experiment.Tolerance;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Where a walk is in a tree: a stack of tokens (object keys by reference, array indices as ints, so that
 * walking allocates nothing) and, per level, the state of the {@link PathRules}. Pointer strings are built only
 * when a difference needs one.
 */
final class PathStack {

    private static final int INITIAL_DEPTH = 8;

    private final PathRules rules;
    private final int stride;
    private @Nullable String[] keys = new String[INITIAL_DEPTH];
    private int[] indexes = new int[INITIAL_DEPTH];
    private long[] state;
    /** Per level: some pattern is alive or covering, so the rules matter here; else every query is false. */
    private boolean[] live;

    private int depth;

    PathStack(PathRules rules) {
        this.rules = rules;
        this.stride = 2 * rules.words;
        this.state = new long[stride * (INITIAL_DEPTH + 1)];
        this.live = new boolean[INITIAL_DEPTH + 1];
        rules.root(state, 0);
        live[0] = !rules.isEmpty();
    }

    int depth() {
        return depth;
    }

    void pushKey(String key) {
        push(key, -1);
    }

    void pushIndex(int index) {
        push(null, index);
    }

    private void push(@Nullable String key, int index) {
        if (depth == keys.length) {
            keys = Arrays.copyOf(keys, depth * 2);
            indexes = Arrays.copyOf(indexes, depth * 2);
            state = Arrays.copyOf(state, stride * (depth * 2 + 1));
            live = Arrays.copyOf(live, depth * 2 + 1);
        }
        keys[depth] = key;
        indexes[depth] = index;
        live[depth + 1] = live[depth] && rules.step(state, depth * stride, (depth + 1) * stride, depth, key, index);
        depth++;
    }

    void pop() {
        depth--;
    }

    /** True when an ignore pattern covers this path. */
    boolean ignored() {
        return live[depth] && rules.covers(state, depth * stride, PathRules.IGNORE);
    }

    /** True when a redact pattern covers this path. */
    boolean redacted() {
        return live[depth] && rules.covers(state, depth * stride, PathRules.REDACT);
    }

    /** True when an unordered-array pattern names exactly this path. */
    boolean unordered() {
        return live[depth] && rules.endsAt(state, depth * stride, depth, PathRules.UNORDERED);
    }

    /** True when an ignore pattern may name a child of this path, so adding or removing a child may be ignored. */
    boolean ignoreMayEndBelow() {
        return live[depth] && rules.endsBelow(state, depth * stride, depth, PathRules.IGNORE);
    }

    /** True when ignore, per-path tolerance or unordered patterns could apply at or under this path. */
    boolean soft() {
        return live[depth] && rules.soft(state, depth * stride);
    }

    /** The per-path tolerance covering this path, or null. */
    @Nullable
    Tolerance tolerance() {
        return live[depth] ? rules.tolerance(state, depth * stride) : null;
    }

    /** True when some level of this path is an array index. */
    boolean hasIndex() {
        for (int i = 0; i < depth; i++) {
            if (keys[i] == null) {
                return true;
            }
        }
        return false;
    }

    /** This path as an RFC 6901 pointer. */
    String pointer() {
        return build(false);
    }

    /** This path with every array index folded to {@code *}, for signatures. */
    String folded() {
        return build(true);
    }

    private String build(boolean fold) {
        if (depth == 0) {
            return "";
        }
        if (depth == 1) {
            String key = keys[0];
            return key != null ? "/" + PathPattern.escape(key) : fold ? "/*" : "/" + indexes[0];
        }
        // sized for the whole pointer, so the builder never grows (escapes aside)
        int length = depth;
        for (int i = 0; i < depth; i++) {
            String key = keys[i];
            length += key != null ? key.length() : fold ? 1 : digits(indexes[i]);
        }
        StringBuilder pointer = new StringBuilder(length);
        for (int i = 0; i < depth; i++) {
            pointer.append('/');
            String key = keys[i];
            if (key != null) {
                pointer.append(PathPattern.escape(key));
            } else if (fold) {
                pointer.append('*');
            } else {
                pointer.append(indexes[i]);
            }
        }
        return pointer.toString();
    }

    private static int digits(int index) {
        int digits = 1;
        for (int rest = index / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }
}
