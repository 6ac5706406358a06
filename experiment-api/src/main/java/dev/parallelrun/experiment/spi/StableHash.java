package dev.parallelrun.experiment.spi;

/**
 * FNV-1a 64 over the UTF-8 bytes of text, finished with MurmurHash3's 64-bit mixer. The same value on every
 * JVM and in every release: sticky sampling decisions and mismatch signatures are defined by it. It is not
 * a security measure. Works on a {@code long} state so a caller on a hot path allocates nothing:
 *
 * {@snippet :
 * long hash = StableHash.text(StableHash.text(StableHash.START, experiment), "\0");
 * double position = StableHash.unitInterval(StableHash.finish(StableHash.text(hash, key)));
 * }
 */
public final class StableHash {

    /** The state before any byte: FNV-1a 64's offset basis. */
    public static final long START = 0xcbf29ce484222325L;

    private static final long PRIME = 0x100000001b3L;

    private StableHash() {}

    /** {@code hash} followed by one byte. */
    public static long addByte(long hash, int b) {
        return (hash ^ (b & 0xFF)) * PRIME;
    }

    /**
     * {@code hash} followed by the UTF-8 bytes of {@code text}, encoded on the fly (a lone surrogate counts as
     * {@code '?'}, as {@link String#getBytes} writes it).
     */
    public static long text(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            int c = text.charAt(i);
            if (Character.isHighSurrogate((char) c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                c = Character.toCodePoint((char) c, text.charAt(++i));
            } else if (Character.isSurrogate((char) c)) {
                c = '?';
            }
            if (c < 0x80) {
                hash = addByte(hash, c);
            } else if (c < 0x800) {
                hash = addByte(addByte(hash, 0xC0 | (c >> 6)), 0x80 | (c & 0x3F));
            } else if (c < 0x10000) {
                hash = addByte(addByte(addByte(hash, 0xE0 | (c >> 12)), 0x80 | ((c >> 6) & 0x3F)), 0x80 | (c & 0x3F));
            } else {
                hash = addByte(
                        addByte(
                                addByte(addByte(hash, 0xF0 | (c >> 18)), 0x80 | ((c >> 12) & 0x3F)),
                                0x80 | ((c >> 6) & 0x3F)),
                        0x80 | (c & 0x3F));
            }
        }
        return hash;
    }

    /** The finished hash: MurmurHash3's fmix64 of the state. */
    public static long finish(long hash) {
        long k = hash;
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /** A finished hash as a number in [0, 1): its top 53 bits divided by 2^53. */
    public static double unitInterval(long finished) {
        return (finished >>> 11) * 0x1.0p-53;
    }
}
