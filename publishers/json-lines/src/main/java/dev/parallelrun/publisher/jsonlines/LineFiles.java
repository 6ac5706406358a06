package dev.parallelrun.publisher.jsonlines;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * This publisher's files in the directory: {@code <prefix><seq>.jsonl}, written one whole line per write,
 * rotated by size, capped in total (oldest deleted first), created readable by the owner only where the
 * file system has POSIX permissions. Not thread-safe: the publisher calls it under its write lock.
 */
final class LineFiles {

    static final String SUFFIX = ".jsonl";

    private static final Set<OpenOption> APPEND_NEW =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_READ_WRITE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    // lines up to this size go through one reused native buffer; larger ones get their own
    private static final int REUSED_BUFFER_BYTES = 1024 * 1024;
    // a name already taken (another publisher with the same prefix: practically never) moves the sequence on
    private static final int NAME_ATTEMPTS = 100;

    private record Written(Path path, long bytes) {}

    private final Path directory;
    private final String prefix;
    private final long maxFileBytes;
    private final long maxTotalBytes;
    private final boolean posix;
    private final Tally tally;
    private final ArrayDeque<Written> closed = new ArrayDeque<>();
    private long closedBytes;
    private @Nullable FileChannel channel;
    private @Nullable Path current;
    private long currentBytes;
    private int sequence;
    private @Nullable ByteBuffer reused;

    LineFiles(Path directory, String prefix, long maxFileBytes, long maxTotalBytes, boolean posix, Tally tally) {
        this.directory = directory;
        this.prefix = prefix;
        this.maxFileBytes = maxFileBytes;
        this.maxTotalBytes = maxTotalBytes;
        this.posix = posix;
        this.tally = tally;
    }

    /** Makes {@code directory} (owner only, where POSIX) unless it exists. */
    static void createDirectory(Path directory, boolean posix) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (posix) {
            Files.createDirectories(directory, OWNER_ONLY_DIRECTORY);
        } else {
            Files.createDirectories(directory);
        }
    }

    /**
     * Appends one whole line ({@code length <= maxFileBytes}) with a single write, after rotating and making
     * room under the cap. On failure the file is cut back to where the line started, so no partial line stays.
     */
    void write(byte[] bytes, int length) throws IOException {
        if (channel != null && currentBytes > 0 && currentBytes + length > maxFileBytes) {
            closeCurrent();
            tally.filesRotated.increment();
        }
        FileChannel open = channel != null ? channel : open();
        makeRoom(length);
        ByteBuffer buffer = buffer(bytes, length);
        long before = currentBytes;
        // an interrupt pending or arriving during a write closes an InterruptibleChannel: keep it for the caller
        boolean interrupted = Thread.interrupted();
        try {
            while (buffer.hasRemaining()) {
                open.write(buffer); // one write(2) for the whole line; the loop only resumes a short write
            }
            currentBytes += length;
        } catch (IOException e) {
            cutBack(open, before);
            throw e;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Flushes and closes the current file; deleting it when it is empty. */
    void close() throws IOException {
        FileChannel open = channel;
        if (open == null) {
            return;
        }
        try {
            open.force(false);
        } finally {
            closeCurrent();
        }
    }

    private FileChannel open() throws IOException {
        createDirectory(directory, posix); // again: someone may have removed it while we ran
        for (int attempt = 1; ; attempt++) {
            Path path = directory.resolve(prefix + String.format(Locale.ROOT, "%06d", ++sequence) + SUFFIX);
            try {
                FileChannel opened = posix
                        ? FileChannel.open(path, APPEND_NEW, OWNER_READ_WRITE)
                        : FileChannel.open(path, APPEND_NEW);
                channel = opened;
                current = path;
                currentBytes = 0;
                return opened;
            } catch (FileAlreadyExistsException e) {
                if (attempt == NAME_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void closeCurrent() throws IOException {
        FileChannel open = channel;
        Path path = current;
        channel = null;
        current = null;
        if (open == null || path == null) {
            return;
        }
        try {
            open.close();
        } finally {
            if (currentBytes == 0) {
                Files.deleteIfExists(path); // only a failed first write leaves an empty file
            } else {
                closed.addLast(new Written(path, currentBytes));
                closedBytes += currentBytes;
            }
        }
    }

    /** Deletes this publisher's oldest closed files until {@code incoming} more bytes fit under the cap. */
    private void makeRoom(long incoming) {
        while (!closed.isEmpty() && closedBytes + currentBytes + incoming > maxTotalBytes) {
            Written oldest = closed.removeFirst();
            closedBytes -= oldest.bytes();
            try {
                if (Files.deleteIfExists(oldest.path())) {
                    tally.filesDeleted.increment();
                }
            } catch (IOException e) {
                tally.writeFailures.increment(); // it stays on disk, but out of our count: nothing more to do
            }
        }
    }

    /** After a failed write: cut the file back to its last whole line, or give the file up. */
    private void cutBack(FileChannel open, long size) {
        try {
            open.truncate(size);
        } catch (IOException e) {
            // the channel is closed (an interrupt) or the disk refuses: this file may end in a partial line,
            // so no line is added to it; the next one goes to a new file
            try {
                open.close();
            } catch (IOException ignored) {
                // already failing
            }
            Path path = current;
            channel = null;
            current = null;
            if (path != null) {
                closed.addLast(new Written(path, size));
                closedBytes += size;
            }
        }
    }

    private ByteBuffer buffer(byte[] bytes, int length) {
        ByteBuffer buffer;
        if (length > REUSED_BUFFER_BYTES) {
            buffer = ByteBuffer.allocateDirect(length); // rare: freed with the object, not held by a thread cache
        } else {
            buffer = reused;
            if (buffer == null || buffer.capacity() < length) {
                buffer = ByteBuffer.allocateDirect(Math.min(REUSED_BUFFER_BYTES, Math.max(length, 64 * 1024)));
                reused = buffer;
            }
            buffer.clear();
        }
        buffer.put(bytes, 0, length).flip();
        return buffer;
    }
}
