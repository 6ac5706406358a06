package dev.parallelrun.publisher.jsonlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.publisher.contract.SampleResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names, permissions, rotation, the disk cap and I/O errors. */
class FilesTest {

    private static final Pattern NAME = Pattern.compile("(.+)-(\\d+)-(\\d{8}T\\d{6}Z)-([0-9a-f]{8})-(\\d{6})\\.jsonl");

    @TempDir
    Path temp;

    /** A result whose line differs from the others by its key, so lines can be told apart. */
    private static Result<Object> numbered(int n) {
        Result<Object> base = SampleResults.mismatch();
        return new Result<>(
                base.experiment(),
                Call.keyed("call-" + n),
                base.context(),
                base.startedAt(),
                base.control(),
                base.candidates(),
                null,
                null,
                false);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fileNamesCarryHostPidStartRandomAndSequence() {
        try (JsonLinesPublisher publisher = JsonLinesPublisher.to(temp)) {
            publisher.publish(SampleResults.mismatch());
        }

        List<Path> files = Lines.files(temp);
        assertThat(files).hasSize(1);
        Matcher name = NAME.matcher(files.get(0).getFileName().toString());
        assertThat(name.matches()).as(files.get(0).getFileName().toString()).isTrue();
        assertThat(name.group(1)).isEqualTo(JsonLinesPublisher.fileNamePart(JsonLinesPublisher.hostName()));
        assertThat(name.group(2))
                .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(name.group(5)).isEqualTo("000001");
        JsonNode line = Lines.read(temp).get(0);
        assertThat(line.get("jvm").asText()).isEqualTo(name.group(2) + "-" + name.group(4));
    }

    @Test
    void hostNamesAreMadeSafeForFileNames() {
        assertThat(JsonLinesPublisher.fileNamePart("web-3.example.com")).isEqualTo("web-3.example.com");
        assertThat(JsonLinesPublisher.fileNamePart("../etc/passwd")).isEqualTo("host.._etc_passwd");
        assertThat(JsonLinesPublisher.fileNamePart("")).isEqualTo("host");
        assertThat(JsonLinesPublisher.fileNamePart("名前 x")).isEqualTo("___x");
        assertThat(JsonLinesPublisher.fileNamePart("h".repeat(200))).hasSize(64);
    }

    @Test
    void nothingPublishedLeavesNoFile() {
        JsonLinesPublisher.to(temp).close();

        assertThat(Lines.files(temp)).isEmpty();
    }

    @Test
    void filesAndTheDirectoryItMakesAreReadableByTheOwnerOnly() throws IOException {
        assumeTrue(
                Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class), "POSIX permissions");
        Path directory = temp.resolve("made/by/publisher");
        try (JsonLinesPublisher publisher =
                JsonLinesPublisher.builder(directory).maxFileBytes(2048).build()) {
            for (int i = 0; i < 10; i++) {
                publisher.publish(numbered(i));
            }
        }

        List<Path> files = Lines.files(directory);
        assertThat(files).hasSizeGreaterThan(1);
        for (Path file : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as(file.toString())
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
                .isEqualTo("rwx------");
    }

    @Test
    void anExistingDirectoryKeepsItsPermissions() throws IOException {
        assumeTrue(
                Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class), "POSIX permissions");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-x---"));

        JsonLinesPublisher.to(temp).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)))
                .isEqualTo("rwxr-x---");
    }

    @Test
    void filesRotateBeforeALineWouldPassMaxFileBytes() {
        JsonLinesStats stats;
        try (JsonLinesPublisher publisher =
                JsonLinesPublisher.builder(temp).maxFileBytes(4096).build()) {
            for (int i = 0; i < 60; i++) {
                publisher.publish(numbered(i));
            }
            stats = publisher.stats();
        }

        List<Path> files = Lines.files(temp);
        assertThat(files).hasSizeGreaterThan(3);
        assertThat(files).allSatisfy(file -> assertThat(size(file)).isBetween(1L, 4096L));
        assertThat(Lines.results(temp)).extracting(n -> n.get("key").asText()).containsExactlyElementsOf(keys(0, 60));
        assertThat(stats.linesWritten()).isEqualTo(60);
        assertThat(stats.filesRotated()).isEqualTo(files.size() - 1);
        assertThat(stats.bytesWritten())
                .isEqualTo(files.stream().mapToLong(FilesTest::size).sum());
        assertThat(stats.filesDeleted()).isZero();
        assertThat(stats.writeFailures()).isZero();
        assertThat(files.get(files.size() - 1).getFileName().toString())
                .endsWith(String.format("-%06d.jsonl", files.size()));
    }

    @Test
    void theCapDeletesThisPublishersOldestFilesFirstAndCountsThem() throws IOException {
        Path other = Files.writeString(temp.resolve("other-host-1-20260101T000000Z-00000000-000001.jsonl"), "{}\n");
        Path unrelated = Files.writeString(temp.resolve("notes.txt"), "keep me");
        JsonLinesStats stats;
        try (JsonLinesPublisher publisher = JsonLinesPublisher.builder(temp)
                .maxFileBytes(4096)
                .maxTotalBytes(3 * 4096)
                .build()) {
            for (int i = 0; i < 200; i++) {
                publisher.publish(numbered(i));
                long total = ours(temp).stream().mapToLong(FilesTest::size).sum();
                assertThat(total).as("after line %d", i).isLessThanOrEqualTo(3 * 4096);
            }
            stats = publisher.stats();
        }

        List<Path> kept = ours(temp);
        List<Integer> sequences = kept.stream().map(FilesTest::sequence).toList();
        int newest = sequences.get(sequences.size() - 1);
        assertThat(sequences)
                .as("the newest files are kept, in a row")
                .containsExactlyElementsOf(IntStream.rangeClosed(newest - kept.size() + 1, newest)
                        .boxed()
                        .toList());
        assertThat(stats.filesDeleted()).isEqualTo(newest - kept.size());
        assertThat(stats.filesDeleted()).isGreaterThan(0);
        List<String> keys =
                Lines.results(temp).stream().map(n -> n.path("key").asText()).toList();
        assertThat(keys).endsWith("call-199"); // the newest line is always kept
        assertThat(keys).doesNotContain("call-0");
        assertThat(other).hasContent("{}");
        assertThat(unrelated).hasContent("keep me");
    }

    @Test
    void aLineLongerThanMaxFileBytesIsDroppedAndCountedAndLaterLinesStillGo() {
        JsonLinesStats stats;
        try (JsonLinesPublisher publisher =
                JsonLinesPublisher.builder(temp).maxFileBytes(1024).build()) {
            assertThatCode(() -> publisher.publish(SampleResults.hugeValues(4096)))
                    .doesNotThrowAnyException();
            publisher.publish(numbered(1));
            stats = publisher.stats();
        }

        assertThat(stats.linesDropped()).isEqualTo(1);
        assertThat(stats.linesWritten()).isEqualTo(1);
        assertThat(stats.writeFailures()).isZero();
        assertThat(Lines.results(temp)).extracting(n -> n.get("key").asText()).containsExactly("call-1");
    }

    @Test
    void ioErrorsAreCountedNotThrownAndThePublisherRecovers() throws IOException {
        Path directory = temp.resolve("lines");
        JsonLinesStats stats;
        try (JsonLinesPublisher publisher = JsonLinesPublisher.to(directory)) {
            Files.delete(directory);
            Files.writeString(directory, "a file where the directory was");

            assertThatCode(() -> publisher.publish(numbered(1))).doesNotThrowAnyException();
            assertThat(publisher.stats().writeFailures()).isEqualTo(1);
            assertThat(publisher.stats().linesDropped()).isEqualTo(1);

            Files.delete(directory);
            publisher.publish(numbered(2));
            stats = publisher.stats();
        }

        assertThat(stats.linesWritten()).isEqualTo(1);
        assertThat(Lines.results(directory))
                .extracting(n -> n.get("key").asText())
                .containsExactly("call-2");
    }

    @Test
    void anInterruptedPublishingThreadKeepsItsInterruptAndTheFile() {
        try (JsonLinesPublisher publisher = JsonLinesPublisher.to(temp)) {
            publisher.publish(numbered(1));
            Thread.currentThread().interrupt();
            publisher.publish(numbered(2));
            assertThat(Thread.interrupted()).as("interrupt kept for the caller").isTrue();
            publisher.publish(numbered(3));
            assertThat(publisher.stats().writeFailures()).isZero();
        }

        assertThat(Lines.files(temp)).hasSize(1);
        assertThat(Lines.results(temp)).hasSize(3);
    }

    @Test
    void linesAreOnDiskAsSoonAsPublishReturns() {
        try (JsonLinesPublisher publisher = JsonLinesPublisher.to(temp)) {
            publisher.publish(numbered(1));

            assertThat(Lines.results(temp)).hasSize(1);
        }
    }

    @Test
    void twoPublishersShareADirectoryWithoutMixingFiles() {
        try (JsonLinesPublisher first = JsonLinesPublisher.to(temp);
                JsonLinesPublisher second = JsonLinesPublisher.to(temp)) {
            first.publish(numbered(1));
            second.publish(numbered(2));
            first.publish(numbered(3));
        }

        assertThat(Lines.files(temp)).hasSize(2);
        List<JsonNode> lines = Lines.results(temp);
        assertThat(lines.stream().map(n -> n.get("jvm").asText()).distinct()).hasSize(2);
    }

    private static List<String> keys(int from, int to) {
        List<String> keys = new ArrayList<>();
        for (int i = from; i < to; i++) {
            keys.add("call-" + i);
        }
        return keys;
    }

    private static List<Path> ours(Path directory) {
        return Lines.files(directory).stream()
                .filter(p -> !p.getFileName().toString().startsWith("other-"))
                .toList();
    }

    private static int sequence(Path file) {
        Matcher name = NAME.matcher(file.getFileName().toString());
        assertThat(name.matches()).isTrue();
        return Integer.parseInt(name.group(5));
    }
}
