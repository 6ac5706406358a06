package dev.parallelrun.experiment.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The stable hash is exactly its documented definition, on text of every kind. */
class StableHashTest {

    private static final String[] TEXTS = {
        "", "a", "customer-42", "Zoë", "клиент-7", "名前", "🍕🍔", "\uD800lone", "replace /lines/*/amount\nreplace /total"
    };

    @Test
    void isFnv1a64OverTheUtf8BytesFinishedWithFmix64() {
        for (String text : TEXTS) {
            assertThat(StableHash.finish(StableHash.text(StableHash.START, text)))
                    .as(text)
                    .isEqualTo(documented(text));
        }
    }

    @Test
    void unitIntervalIsTheTop53BitsOverTwoToThe53() {
        assertThat(StableHash.unitInterval(0)).isZero();
        assertThat(StableHash.unitInterval(-1L)).isLessThan(1.0).isGreaterThan(0.999_999);
    }

    /** The definition in StableHash's javadoc, written the plain way. */
    private static long documented(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }
}
