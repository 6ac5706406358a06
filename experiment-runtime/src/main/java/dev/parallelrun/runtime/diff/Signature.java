package dev.parallelrun.runtime.diff;

import dev.parallelrun.experiment.spi.StableHash;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

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
        List<String> sorted = new ArrayList<>(pairs);
        sorted.sort(null);
        long hash = StableHash.START;
        String previous = null;
        for (String pair : sorted) {
            if (pair.equals(previous)) {
                continue; // distinct pairs only
            }
            if (previous != null) {
                hash = StableHash.addByte(hash, '\n');
            }
            hash = StableHash.text(hash, pair);
            previous = pair;
        }
        return HexFormat.of().toHexDigits(StableHash.finish(hash));
    }
}
