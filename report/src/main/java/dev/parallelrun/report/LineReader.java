package dev.parallelrun.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a stream one {@code \n}-ended line at a time into a reused byte buffer, never holding more than one
 * line, and never more than {@code maxLineBytes} of it: a longer line is reported as too long and skipped
 * without being kept. Bytes, not chars: Jackson parses UTF-8 bytes directly, which saves decoding twice.
 */
final class LineReader implements Closeable {

    private static final int INITIAL_LINE = 8 * 1024;
    /** A line buffer grown past this for one long line is dropped afterwards, so one long line costs once. */
    private static final int KEPT_LINE = 1024 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkPosition;
    private int chunkLimit;
    private byte[] line = new byte[INITIAL_LINE];
    private int lineLength;
    private long lineLengthTotal;
    private boolean endedByNewline;
    private long lineNumber;
    private long bytesRead;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Reads the next line; false at the end of the stream. */
    boolean next() throws IOException {
        if (line.length > KEPT_LINE) {
            line = new byte[INITIAL_LINE];
        }
        lineLength = 0;
        lineLengthTotal = 0;
        endedByNewline = false;
        boolean any = false;
        while (true) {
            if (chunkPosition == chunkLimit) {
                int read = in.read(chunk, 0, chunk.length);
                if (read < 0) {
                    if (any) {
                        lineNumber++;
                    }
                    return any;
                }
                bytesRead += read;
                chunkPosition = 0;
                chunkLimit = read;
            }
            any = true;
            int start = chunkPosition;
            int end = start;
            while (end < chunkLimit && chunk[end] != '\n') {
                end++;
            }
            append(start, end - start);
            if (end < chunkLimit) {
                chunkPosition = end + 1;
                endedByNewline = true;
                lineNumber++;
                if (lineLength > 0 && line[lineLength - 1] == '\r' && !tooLong()) {
                    lineLength--;
                }
                return true;
            }
            chunkPosition = chunkLimit;
        }
    }

    private void append(int from, int count) {
        lineLengthTotal += count;
        if (lineLengthTotal > maxLineBytes) {
            return; // too long: keep counting, stop copying
        }
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, lineLength + count)));
        }
        System.arraycopy(chunk, from, line, lineLength, count);
        lineLength += count;
    }

    /** The current line's bytes, valid up to {@link #length()} until the next call of {@link #next()}. */
    byte[] bytes() {
        return line;
    }

    /** The current line's length in bytes, without its line end. */
    int length() {
        return lineLength;
    }

    /** True when the current line was longer than the bound; its bytes were not kept. */
    boolean tooLong() {
        return lineLengthTotal > maxLineBytes;
    }

    /** The current line's full length in bytes, kept or not. */
    long fullLength() {
        return lineLengthTotal;
    }

    /** False for a last line that ended without {@code \n} (a file still being written, or cut). */
    boolean endedByNewline() {
        return endedByNewline;
    }

    /** The current line's 1-based number. */
    long lineNumber() {
        return lineNumber;
    }

    /** Bytes read from the stream so far. */
    long bytesRead() {
        return bytesRead;
    }

    /** True when the current line holds only spaces, tabs or a carriage return. */
    boolean blank() {
        if (tooLong()) {
            return false;
        }
        for (int i = 0; i < lineLength; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
