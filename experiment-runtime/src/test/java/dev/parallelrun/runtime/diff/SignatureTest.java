package dev.parallelrun.runtime.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The signature is a documented, stable function of the set of {@code op path} pairs. */
class SignatureTest {

    @Test
    void isTheDocumentedHashOfTheSortedDistinctPairs() {
        List<String> pairs = List.of("replace /total", "remove /discount", "replace /lines/*/amount", "add /名前");
        assertThat(Signature.of(pairs)).isEqualTo(documented(pairs)).hasSize(16).matches("[0-9a-f]{16}");
    }

    @Test
    void ignoresOrderAndRepeats() {
        assertThat(Signature.of(List.of("replace /total", "remove /discount", "replace /total")))
                .isEqualTo(Signature.of(List.of("remove /discount", "replace /total")));
    }

    @Test
    void differentEdgeCasesGetDifferentSignatures() {
        assertThat(Signature.of(List.of("replace /total"))).isNotEqualTo(Signature.of(List.of("replace /discount")));
        assertThat(Signature.of(List.of("add /lines/*"))).isNotEqualTo(Signature.of(List.of("remove /lines/*")));
    }

    @Test
    void noPairsNoSignature() {
        assertThat(Signature.of(List.of())).isEmpty();
    }

    @Test
    void isPinnedAcrossReleases() {
        // changing this value regroups every mismatch already written: only with a new schema version
        assertThat(Signature.of(List.of("replace /discount", "replace /total"))).isEqualTo("f688d64cfa67e19d");
    }

    /** The definition in Signature's javadoc, written the plain way. */
    private static String documented(List<String> pairs) {
        byte[] bytes = String.join("\n", new TreeSet<>(pairs)).getBytes(StandardCharsets.UTF_8);
        long hash = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return HexFormat.of().toHexDigits(hash);
    }
}
