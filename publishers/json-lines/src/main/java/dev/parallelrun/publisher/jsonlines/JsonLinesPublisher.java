package dev.parallelrun.publisher.jsonlines;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.experiment.migration.WriteFailure;
import dev.parallelrun.experiment.spi.ThrottledLog;
import dev.parallelrun.publisher.jsonlines.LaboratoryReadings.MigrationReading;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Publishes results as JSON Lines files: one line per result with a candidate whose outcome
 * {@linkplain dev.parallelrun.experiment.Outcome#needsAttention() needs attention} (mismatched, timed out or
 * could not be compared), or per result with {@link Builder#everyResult(boolean)}, and one summary line per
 * experiment every {@link Builder#summaryInterval(Duration) summaryInterval} and on {@link #close()}, so a
 * reader can compute rates without every match being written. Migrations add a line per stage change and per
 * failed write of the other side, always, and a summary line per migration on the same schedule. The format is the
 * module's {@code FORMAT.md}, schema {@value #SCHEMA}; its JSON Schema is the resource
 * {@code dev/parallelrun/publisher/jsonlines/schema-2.json}.
 *
 * {@snippet :
 * Laboratory lab = RuntimeLaboratory.builder()
 *         .publisher(JsonLinesPublisher.to(Path.of("/var/log/parallel-run")))
 *         .build();
 * }
 *
 * <p>What a caller may rely on:
 * <ul>
 *   <li>Each line reaches its file with a single write to a file opened for append, so a file holds whole
 *       lines only (see the README for the one case the kernel does not cover: a process killed during a
 *       write of a line spanning several pages, or a power cut).</li>
 *   <li>Files are named {@code <host>-<pid>-<start>-<random>-<seq>.jsonl}, so many JVMs can share one
 *       directory; a file is closed for the next once the next line would pass {@code maxFileBytes}; this
 *       publisher deletes its own oldest files so that its files never hold more than
 *       {@code maxTotalBytes}; files (and a directory it creates) are readable by the owner only where the
 *       file system has POSIX permissions.</li>
 *   <li>Nothing is thrown out of {@link #publish}: I/O errors and lines that could not be written are
 *       counted in {@link #stats()} and logged at most once a minute.</li>
 *   <li>Every line carries {@code "schema": }{@value #SCHEMA}. A result of an experiment that captures its inputs
 *       ({@code ExperimentBuilder.captureInputs()}) carries the call's input as published (redacted with the
 *       experiment's redact paths, cut by its size cap) under {@code "input"}, the JSON embedded as values are; a
 *       cut input adds {@code "inputTruncated": true} and {@code "inputLength"}. No other part of the input is
 *       written anywhere.</li>
 *   <li>Every {@link StageChange} is a {@code "stage"} line (a rollback with its trip) and every
 *       {@link WriteFailure} a {@code "writeFailure"} line (with the call's key and context, and the exception's
 *       class and message), whatever {@code everyResult} says, in the order the laboratory publishes them. Each
 *       summary round also writes a {@code "migration"} line per migration of the laboratory: its stage, the
 *       rollback awaiting acknowledgement, its counts and its readiness verdict. These lines carry
 *       {@code "migration"} where the others carry {@code "experiment"}.</li>
 *   <li>Options are checked by {@link Builder#build()}, which names every bad one.</li>
 * </ul>
 */
public final class JsonLinesPublisher implements Publisher {

    /** The {@code "schema"} of every line written: FORMAT.md's schema 2, which adds the captured input. */
    public static final int SCHEMA = 2;
    /** Default {@link Builder#maxFileBytes(long)}: 64 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;
    /** Default {@link Builder#maxTotalBytes(long)}: 1 GiB. */
    public static final long DEFAULT_MAX_TOTAL_BYTES = 1024L * 1024 * 1024;
    /** Default {@link Builder#summaryInterval(Duration)}: one minute. */
    public static final Duration DEFAULT_SUMMARY_INTERVAL = Duration.ofSeconds(60);
    /** The smallest {@link Builder#maxFileBytes(long)} accepted: 1 KiB. */
    public static final long MIN_FILE_BYTES = 1024;
    /** The shortest {@link Builder#summaryInterval(Duration)} accepted: 10 ms. */
    public static final Duration MIN_SUMMARY_INTERVAL = Duration.ofMillis(10);

    private static final System.Logger LOG = System.getLogger(JsonLinesPublisher.class.getName());
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Encodes one line into the format's buffer. */
    @FunctionalInterface
    private interface Encoding {
        LineBuffer encode() throws IOException;
    }

    private final Path directory;
    private final boolean everyResult;
    private final Duration summaryInterval;
    private final Tally tally = new Tally();
    private final LaboratoryReadings readings = new LaboratoryReadings(tally, this::warn);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final ThrottledLog log = ThrottledLog.perMinute(LOG);
    // guards everything below: results come on the laboratory's publishing thread, summaries on their own
    private final ReentrantLock lock = new ReentrantLock();
    private final LineFormat format;
    private final MigrationFormat migrationFormat;
    private final LineFiles files;
    private @Nullable ScheduledExecutorService summaries;
    private boolean closed;

    private JsonLinesPublisher(Builder options, boolean posix) {
        this.directory = options.directory;
        this.everyResult = options.everyResult;
        this.summaryInterval = options.summaryInterval;
        String host = hostName();
        long pid = ProcessHandle.current().pid();
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String jvm = pid + "-" + random;
        JsonFactory factory = JsonFactory.builder()
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .build();
        this.format = new LineFormat(factory, options.maxFileBytes, host, jvm);
        this.migrationFormat = new MigrationFormat(format);
        String prefix = fileNamePart(host) + "-" + pid + "-" + FILE_TIME.format(Instant.now()) + "-" + random + "-";
        this.files = new LineFiles(directory, prefix, options.maxFileBytes, options.maxTotalBytes, posix, tally);
    }

    /** A publisher writing to {@code directory} with the defaults; see {@link #builder(Path)}. */
    public static JsonLinesPublisher to(Path directory) {
        return builder(directory).build();
    }

    /** The options of a publisher writing to {@code directory} (made, owner only, if missing). */
    public static Builder builder(Path directory) {
        return new Builder(requireNonNull(directory, "directory"));
    }

    /** The directory the files are written to, absolute. */
    public Path directory() {
        return directory;
    }

    /** What the publisher has written, rotated, deleted and failed to write so far. */
    public JsonLinesStats stats() {
        return tally.snapshot();
    }

    /** Starts the periodic summaries of {@code laboratory}'s experiments and migrations. */
    @Override
    public void attach(Laboratory laboratory) {
        readings.add(requireNonNull(laboratory, "laboratory"));
        lock.lock();
        try {
            if (closing.get() || summaries != null) {
                return;
            }
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                    .daemon()
                    .name("parallel-run-json-lines-summaries")
                    .factory());
            long nanos = summaryInterval.toNanos();
            // summarize() catches what it throws, so the future never holds a failure worth reading
            var unused = scheduler.scheduleAtFixedRate(this::summarize, nanos, nanos, TimeUnit.NANOSECONDS);
            summaries = scheduler;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes the line of {@code result} when {@linkplain Result#needsAttention() a candidate needs attention} (or
     * always, if so built).
     */
    @Override
    public void publish(Result<?> result) {
        if (!everyResult && !result.needsAttention()) {
            return;
        }
        writeOpen("result", () -> format.result(result));
    }

    /** Writes the {@code "stage"} line of {@code change}: every change, whatever {@code everyResult} says. */
    @Override
    public void publishStage(StageChange change) {
        writeOpen("stage", () -> migrationFormat.stage(change));
    }

    /** Writes the {@code "writeFailure"} line of {@code failure}: every one, whatever {@code everyResult} says. */
    @Override
    public void publishWriteFailure(WriteFailure failure) {
        writeOpen("writeFailure", () -> migrationFormat.writeFailure(failure));
    }

    /**
     * Writes a last summary per experiment and per migration, then flushes and closes the current file. Later calls to
     * {@link #publish} are ignored; a second {@code close()} does nothing.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        ScheduledExecutorService scheduler;
        lock.lock();
        try {
            scheduler = summaries;
        } finally {
            lock.unlock();
        }
        if (scheduler != null) {
            scheduler.shutdown(); // never shutdownNow: an interrupt would close the summary thread's FileChannel
        }
        List<ExperimentStats> last = readings.experiments();
        List<MigrationReading> migrations = readings.migrations();
        Instant now = Instant.now();
        lock.lock();
        try {
            writeSummaries(last, migrations, now);
            closed = true;
            files.close();
        } catch (IOException e) {
            tally.writeFailures.increment();
            warn("closing the last file failed", e);
        } finally {
            lock.unlock();
        }
    }

    private void summarize() {
        try {
            List<ExperimentStats> experiments = readings.experiments();
            List<MigrationReading> migrations = readings.migrations();
            Instant now = Instant.now();
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                writeSummaries(experiments, migrations, now);
            } finally {
                lock.unlock();
            }
        } catch (RuntimeException e) {
            warn("writing summaries failed", e); // a task that throws is never run again: keep the schedule
        }
    }

    /** A summary line per experiment, then one per migration; under the lock. */
    private void writeSummaries(List<ExperimentStats> experiments, List<MigrationReading> migrations, Instant now) {
        for (ExperimentStats stats : experiments) {
            write("summary", () -> format.summary(stats, now));
        }
        for (MigrationReading migration : migrations) {
            write("migration", () -> migrationFormat.summary(migration.stats(), migration.readiness(), now));
        }
    }

    /** Writes one line unless closed; takes the lock. */
    private void writeOpen(String type, Encoding encoding) {
        lock.lock();
        try {
            if (!closed) {
                write(type, encoding);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Encodes and writes one line; under the lock. Counts what fails, throws nothing. */
    private void write(String type, Encoding encoding) {
        LineBuffer line;
        try {
            line = encoding.encode();
        } catch (LineBuffer.TooLarge e) {
            tally.linesDropped.increment();
            warn("a " + type + " line was not written: " + e.getMessage() + " (maxFileBytes)", null);
            return;
        } catch (IOException | RuntimeException e) {
            tally.linesDropped.increment();
            warn("a " + type + " line could not be encoded", e);
            return;
        }
        try {
            files.write(line.bytes(), line.length());
            tally.linesWritten.increment();
            tally.bytesWritten.add(line.length());
        } catch (IOException | RuntimeException e) {
            tally.writeFailures.increment();
            tally.linesDropped.increment();
            warn("a " + type + " line could not be written to " + directory, e);
        }
    }

    private void warn(String message, @Nullable Throwable cause) {
        log.warn(
                () -> "JSON Lines publisher: " + message
                        + " (logged at most once a minute; counts in JsonLinesPublisher.stats())",
                cause);
    }

    /** The host name lines carry: {@code HOSTNAME}, else what the network stack says. */
    static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "unknown-host";
        }
    }

    /** The host as a file name part: letters, digits, '.', '_' and '-' only, at most 64 characters. */
    static String fileNamePart(String host) {
        String safe = host.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isEmpty() || safe.startsWith(".")) {
            safe = "host" + safe;
        }
        return safe.length() > 64 ? safe.substring(0, 64) : safe;
    }

    /**
     * Options of a {@link JsonLinesPublisher}. {@link #build()} checks them all at once and names each one
     * that is wrong.
     */
    public static final class Builder {

        private final Path directory;
        private boolean everyResult;
        private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        private long maxTotalBytes = DEFAULT_MAX_TOTAL_BYTES;
        private Duration summaryInterval = DEFAULT_SUMMARY_INTERVAL;

        private Builder(Path directory) {
            this.directory = directory.toAbsolutePath().normalize();
        }

        /**
         * Whether every result is written, matches included; by default ({@code false}) only results with
         * at least one candidate whose outcome {@linkplain dev.parallelrun.experiment.Outcome#needsAttention()
         * needs attention} ({@code MISMATCH}, {@code TIMED_OUT} or {@code COMPARISON_FAILED}). Summaries carry the
         * counts of every outcome either way.
         */
        public Builder everyResult(boolean everyResult) {
            this.everyResult = everyResult;
            return this;
        }

        /**
         * Size after which a file is closed and the next one started (at least 1 KiB; default
         * 64 MiB). A single line longer than this is not written, and counted.
         */
        public Builder maxFileBytes(long bytes) {
            this.maxFileBytes = bytes;
            return this;
        }

        /**
         * Most bytes this publisher's files may hold together (at least {@code maxFileBytes}; default 1 GiB):
         * its oldest files are deleted first, and counted. Files of other publishers and of earlier runs in
         * the same directory are neither counted nor deleted.
         */
        public Builder maxTotalBytes(long bytes) {
            this.maxTotalBytes = bytes;
            return this;
        }

        /** How often a summary line per experiment is written (at least 10 ms; default one minute). */
        public Builder summaryInterval(Duration interval) {
            this.summaryInterval = requireNonNull(interval, "summaryInterval");
            return this;
        }

        /**
         * Checks the options, makes the directory if it is missing and returns the publisher.
         *
         * @throws IllegalArgumentException naming every option that is wrong: a directory that is a file,
         *     cannot be created or cannot be written, sizes below their minimum, a too short interval
         */
        public JsonLinesPublisher build() {
            List<String> problems = new ArrayList<>();
            if (maxFileBytes < MIN_FILE_BYTES) {
                problems.add("maxFileBytes must be at least " + MIN_FILE_BYTES + ", was " + maxFileBytes);
            }
            if (maxTotalBytes < maxFileBytes) {
                problems.add(
                        "maxTotalBytes must be at least maxFileBytes (" + maxFileBytes + "), was " + maxTotalBytes);
            }
            if (summaryInterval.compareTo(MIN_SUMMARY_INTERVAL) < 0) {
                problems.add("summaryInterval must be at least " + MIN_SUMMARY_INTERVAL.toMillis() + " ms, was "
                        + summaryInterval);
            }
            boolean posix = false;
            if (Files.exists(directory) && !Files.isDirectory(directory)) {
                problems.add("directory '" + directory + "' is a file, not a directory");
            } else if (problems.isEmpty()) { // no side effect on the file system for options that fail anyway
                try {
                    LineFiles.createDirectory(
                            directory,
                            directory
                                    .getFileSystem()
                                    .supportedFileAttributeViews()
                                    .contains("posix"));
                    posix = Files.getFileStore(directory).supportsFileAttributeView(PosixFileAttributeView.class);
                    if (!Files.isWritable(directory)) {
                        problems.add("directory '" + directory + "' is not writable");
                    }
                } catch (IOException | RuntimeException e) {
                    problems.add("directory '" + directory + "' cannot be created: " + e);
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("JsonLinesPublisher: " + String.join("; ", problems));
            }
            return new JsonLinesPublisher(this, posix);
        }
    }
}
