package dev.parallelrun.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads JSON Lines files of schemas 1 and 2 (see the json-lines publisher's {@code FORMAT.md}) into a
 * {@link Summary}, one line at a time, in memory bounded by {@link ReadLimits} whatever the number of lines.
 *
 * <p>Inputs are files and directories; a directory is read recursively for {@code *.jsonl} files. Files are
 * read oldest first (by modification time, then path), so that the rotated files of one JVM come in order.
 * A line that is not JSON, of another schema version, or missing a required field is a {@link ReadProblem}:
 * it is reported to the {@link ReadListener}, counted in {@link ReadStats#badLines()} and skipped, or, in
 * strict mode, ends the reading with a {@link BadInputException}. A reader is immutable and may be reused.
 *
 * {@snippet :
 * ReportReader reader = ReportReader.builder()
 *         .filter(new ReadFilter(Set.of("pricing-v2"), Instant.parse("2026-11-25T00:00:00Z"), null))
 *         .build();
 * Summary summary = reader.read(List.of(Path.of("mismatches")));
 * }
 */
public final class ReportReader {

    private static final int PROGRESS_EVERY_LINES = 16 * 1024;
    private static final int MAX_JSON_MESSAGE = 200;

    private final ReadFilter filter;
    private final ReadLimits limits;
    private final boolean strict;
    private final Clock clock;
    private final ReadListener listener;
    private final ObjectMapper mapper;

    private ReportReader(Builder builder) {
        this.filter = builder.filter;
        this.limits = builder.limits;
        this.strict = builder.strict;
        this.clock = builder.clock;
        this.listener = builder.listener;
        // BigDecimal keeps every digit of a value: a report must not round away the difference it shows
        this.mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
    }

    /** A builder with no filter, the default limits, lenient, the system clock and no listener. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The files {@code inputs} name: each file as it is, each directory's {@code *.jsonl} files at any depth;
     * oldest first.
     *
     * @throws NoSuchFileException naming the first input that does not exist
     */
    public static List<Path> files(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new NoSuchFileException(input.toString(), null, "no such file or directory");
            }
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p))
                            .forEach(files::add);
                }
            } else {
                files.add(input);
            }
        }
        List<Dated> dated = new ArrayList<>(files.size());
        for (Path file : files) {
            dated.add(new Dated(file, modified(file)));
        }
        dated.sort(Comparator.comparing(Dated::modified).thenComparing(Dated::file));
        return dated.stream().map(Dated::file).distinct().toList();
    }

    private record Dated(Path file, FileTime modified) {}

    private static FileTime modified(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).lastModifiedTime();
        } catch (IOException e) {
            return FileTime.fromMillis(0); // read anyway; reading will say what is wrong
        }
    }

    /**
     * Reads every file {@code inputs} name into a summary. The summary keeps {@code inputs} as they were named
     * ({@link Summary#inputs()}): the lines that replay each group in a test name them.
     *
     * @throws NoSuchFileException when an input does not exist (before anything is read)
     * @throws BadInputException in strict mode, at the first bad line or unreadable file
     */
    public Summary read(List<Path> inputs) throws IOException {
        List<Path> files = files(inputs);
        long totalBytes = 0;
        for (Path file : files) {
            totalBytes += sizeOf(file);
        }
        Reading reading = new Reading(
                files.size(), totalBytes, inputs.stream().map(Path::toString).toList());
        for (Path file : files) {
            readFile(file, reading);
            reading.filesRead++;
            reading.progress();
        }
        Aggregator aggregator = reading.aggregator;
        ReadStats stats = new ReadStats(
                files.size(),
                reading.bytesRead,
                reading.lines,
                reading.validLines,
                aggregator.resultLines(),
                aggregator.summaryLines(),
                aggregator.migrationLines(),
                reading.badLines,
                aggregator.unknownTypeLines(),
                aggregator.filteredOut(),
                aggregator.outOfOrderSummaries(),
                reading.unreadableFiles,
                reading.problems,
                reading.problemsNotKept,
                aggregator.limitsReached());
        return aggregator.finish(clock.instant(), stats);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The state of one {@link #read} call. */
    private final class Reading {
        final Aggregator aggregator;
        final int files;
        final long totalBytes;
        int filesRead;
        long bytesRead;
        long lines;
        long validLines;
        long badLines;
        int unreadableFiles;
        final List<ReadProblem> problems = new ArrayList<>();
        long problemsNotKept;

        Reading(int files, long totalBytes, List<String> inputs) {
            this.aggregator = new Aggregator(filter, limits, mapper, inputs);
            this.files = files;
            this.totalBytes = totalBytes;
        }

        void progress() {
            listener.progress(new ReadListener.ReadProgress(filesRead, files, bytesRead, totalBytes, lines));
        }

        void problem(ReadProblem problem) throws BadInputException {
            if (problems.size() < limits.maxProblems()) {
                problems.add(problem);
            } else {
                problemsNotKept++;
            }
            listener.problem(problem);
            if (strict) {
                throw new BadInputException(problem);
            }
        }
    }

    private void readFile(Path file, Reading reading) throws IOException {
        long bytesBefore = reading.bytesRead;
        try (InputStream in = Files.newInputStream(file);
                LineReader lines = new LineReader(in, limits.maxLineBytes())) {
            while (lines.next()) {
                reading.lines++;
                reading.bytesRead = bytesBefore + lines.bytesRead();
                if (reading.lines % PROGRESS_EVERY_LINES == 0) {
                    reading.progress();
                }
                if (lines.blank()) {
                    continue;
                }
                String problem = line(lines, file, reading.aggregator);
                if (problem == null) {
                    reading.validLines++;
                } else {
                    reading.badLines++;
                    reading.problem(new ReadProblem(file, lines.lineNumber(), problem));
                }
            }
            reading.bytesRead = bytesBefore + lines.bytesRead();
        } catch (BadInputException e) {
            throw e;
        } catch (IOException e) {
            reading.unreadableFiles++;
            reading.problem(new ReadProblem(file, 0, "cannot read: " + describe(e)));
        }
    }

    /** Reads one line into the aggregator; returns why it could not, or {@code null}. */
    private @Nullable String line(LineReader lines, Path file, Aggregator aggregator) {
        if (lines.tooLong()) {
            return "line of " + lines.fullLength() + " bytes is longer than the bound of " + limits.maxLineBytes()
                    + " bytes";
        }
        JsonNode node;
        try {
            node = mapper.readTree(lines.bytes(), 0, lines.length());
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            int newline = message.indexOf('\n');
            if (newline >= 0) {
                message = message.substring(0, newline);
            }
            String where =
                    e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
            String unfinished = lines.endedByNewline()
                    ? ""
                    : "; it is the last line and has no line end: was the file still being written?";
            return "not JSON: " + Text.cap(message, MAX_JSON_MESSAGE) + where + unfinished;
        } catch (IOException e) {
            return "not JSON: " + describe(e);
        }
        try {
            aggregator.accept(node, file, lines.lineNumber());
            return null;
        } catch (BadLine e) {
            return e.getMessage();
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Options of a {@link ReportReader}. */
    public static final class Builder {
        private ReadFilter filter = ReadFilter.all();
        private ReadLimits limits = ReadLimits.defaults();
        private boolean strict;
        private Clock clock = Clock.systemUTC();
        private ReadListener listener = ReadListener.NONE;

        private Builder() {}

        /** Which experiments and which time window to count; default all. */
        public Builder filter(ReadFilter filter) {
            this.filter = requireNonNull(filter, "filter");
            return this;
        }

        /** The memory bounds; default {@link ReadLimits#defaults()}. */
        public Builder limits(ReadLimits limits) {
            this.limits = requireNonNull(limits, "limits");
            return this;
        }

        /** True to stop at the first bad line or unreadable file with a {@link BadInputException}. */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** The clock that dates the summary and judges expiry; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /** Hears problems and progress while reading; default none. */
        public Builder listener(ReadListener listener) {
            this.listener = requireNonNull(listener, "listener");
            return this;
        }

        /** The reader. */
        public ReportReader build() {
            return new ReportReader(this);
        }
    }
}
