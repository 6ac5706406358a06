package dev.parallelrun.runtime.diff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * The signature of a mismatch: the first 16 hex characters of the SHA-256 of its distinct
 * {@code op path} pairs (array indices folded to {@code *}), sorted and joined with newlines. The same
 * edge case gets the same signature on every JVM and in every release that keeps this definition.
 */
public final class Signature {

    private Signature() {}

    /** The signature of these {@code op path} pairs; {@code ""} when there are none. */
    public static String of(Collection<String> pairs) {
        if (pairs.isEmpty()) {
            return "";
        }
        String joined = String.join("\n", new TreeSet<>(pairs));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
