package dev.parallelrun.publisher.jsonlines;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serial;
import java.util.Arrays;

/**
 * Where one line is encoded before it is written with a single write: a growable byte array that refuses
 * to grow past a limit, so a result too large for a file is given up early instead of filling the heap.
 * Not thread-safe; reused line after line.
 */
final class LineBuffer extends OutputStream {

    /** Thrown when the line being encoded passes the limit. */
    static final class TooLarge extends IOException {
        @Serial
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("the line is longer than " + limit + " bytes");
        }
    }

    private static final int INITIAL = 8 * 1024;
    // kept between lines up to this size; a larger array made for one huge line is let go afterwards
    private static final int RETAINED = 1024 * 1024;

    // a line is one array: past this it could not be made anyway
    private static final long LARGEST_ARRAY = Integer.MAX_VALUE - 16;

    private final long limit;
    private byte[] bytes = new byte[INITIAL];
    private int length;

    LineBuffer(long limit) {
        this.limit = Math.min(limit, LARGEST_ARRAY);
    }

    /** Empties the buffer for the next line. */
    void reset() {
        length = 0;
        if (bytes.length > RETAINED) {
            bytes = new byte[INITIAL];
        }
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    @Override
    public void write(int b) throws IOException {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int count) throws IOException {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    private void ensure(int more) throws IOException {
        long needed = (long) length + more;
        if (needed > limit) {
            throw new TooLarge(limit);
        }
        if (needed > bytes.length) {
            long grown = Math.max(needed, Math.min((long) bytes.length * 2, limit));
            bytes = Arrays.copyOf(bytes, (int) grown);
        }
    }
}
