package dev.parallelrun.runtime.diff;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * The signature of a mismatch: a 64-bit hash, as 16 hex characters, of its distinct {@code op path} pairs
 * (array indices folded to {@code *}) sorted and joined with newlines. The hash is FNV-1a 64 over the UTF-8
 * bytes, finished with MurmurHash3's 64-bit mixer: cheap, and the same on every JVM and in every release
 * that keeps this definition. It names a group of mismatches, it is not a security measure.
 */
public final class Signature {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Signature() {}

    /** The signature of these {@code op path} pairs; {@code ""} when there are none. */
    public static String of(Collection<String> pairs) {
        if (pairs.isEmpty()) {
            return "";
        }
        List<String> sorted = new ArrayList<>(pairs);
        sorted.sort(null);
        long hash = FNV_OFFSET;
        String previous = null;
        boolean first = true;
        for (String pair : sorted) {
            if (pair.equals(previous)) {
                continue; // distinct pairs only
            }
            if (!first) {
                hash = (hash ^ '\n') * FNV_PRIME;
            }
            for (byte b : pair.getBytes(StandardCharsets.UTF_8)) {
                hash = (hash ^ (b & 0xff)) * FNV_PRIME;
            }
            previous = pair;
            first = false;
        }
        return HexFormat.of().toHexDigits(mix(hash));
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
