package dev.parallelrun.runtime.diff;

import dev.parallelrun.experiment.spi.StableHash;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The signature of a mismatch: the {@link StableHash} (FNV-1a 64 over the UTF-8 bytes, finished with
 * MurmurHash3's 64-bit mixer), as 16 hex characters, of its distinct {@code op path} pairs (array indices
 * folded to {@code *}) sorted and joined with newlines. The same edge case gets the same signature on every
 * JVM and in every release that keeps this definition. It names a group of mismatches; it is not a security
 * measure.
 */
public final class Signature {

    private Signature() {}

    /** The signature of these {@code op path} pairs; {@code ""} when there are none. */
    public static String of(Collection<String> pairs) {
        if (pairs.isEmpty()) {
            return "";
        }
        return hex(add(new Hash(), "", pairs));
    }

    /**
     * The signature of the pairs {@code op + " " + path} for each operation's distinct paths, given by operation
     * in the order of their names ({@code add}, {@code remove}, {@code replace}), null when it has none: the same
     * as {@link #of} on the joined pairs, without joining them. As no name starts another, pairs sort by name,
     * then by path.
     */
    static String ofPaths(
            @Nullable Collection<String> add,
            @Nullable Collection<String> remove,
            @Nullable Collection<String> replace) {
        Hash hash = new Hash();
        add(hash, "add ", add);
        add(hash, "remove ", remove);
        add(hash, "replace ", replace);
        return hash.first ? "" : hex(hash);
    }

    /** The FNV state over the pairs so far: they are joined with newlines. */
    private static final class Hash {
        long value = StableHash.START;
        boolean first = true;
    }

    private static Hash add(Hash hash, String prefix, @Nullable Collection<String> paths) {
        if (paths == null || paths.isEmpty()) {
            return hash;
        }
        String[] sorted = paths.toArray(new String[0]);
        Arrays.sort(sorted);
        String previous = null;
        for (String path : sorted) {
            if (path.equals(previous)) {
                continue; // distinct pairs only
            }
            if (!hash.first) {
                hash.value = StableHash.addByte(hash.value, '\n');
            }
            hash.first = false;
            hash.value = StableHash.text(StableHash.text(hash.value, prefix), path);
            previous = path;
        }
        return hash;
    }

    private static String hex(Hash hash) {
        return HexFormat.of().toHexDigits(StableHash.finish(hash.value));
    }
}
