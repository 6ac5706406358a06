package dev.parallelrun.runtime.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.experiment.spi.StableHash;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The signature is a documented, stable function of the set of {@code op path} pairs. */
class SignatureTest {

    @Test
    void isTheStableHashOfTheSortedDistinctPairsJoinedByNewlines() {
        List<String> pairs = List.of("replace /total", "remove /discount", "replace /lines/*/amount", "add /名前");
        String joined = String.join("\n", new TreeSet<>(pairs));
        assertThat(Signature.of(pairs))
                .matches("[0-9a-f]{16}")
                .isEqualTo(HexFormat.of().toHexDigits(StableHash.finish(StableHash.text(StableHash.START, joined))));
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
}
