package dev.parallelrun.publisher.jsonlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad options fail when the publisher is built, naming each. */
class BuilderTest {

    @TempDir
    Path temp;

    @Test
    void aMissingDirectoryIsMade() {
        Path directory = temp.resolve("a/b/c");

        JsonLinesPublisher publisher = JsonLinesPublisher.to(directory);
        publisher.close();

        assertThat(directory).isDirectory();
        assertThat(publisher.directory()).isEqualTo(directory.toAbsolutePath());
    }

    @Test
    void aPathThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("file.jsonl"), "x");

        assertThatThrownBy(() -> JsonLinesPublisher.to(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("directory '" + file + "' is a file, not a directory");
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsRefused() throws IOException {
        Files.writeString(temp.resolve("parent"), "a file");
        Path directory = temp.resolve("parent/child");

        assertThatThrownBy(() -> JsonLinesPublisher.to(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("directory '" + directory + "' cannot be created");
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsRefused() throws IOException {
        assumeTrue(Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class), "POSIX");
        Path directory = Files.createDirectory(temp.resolve("read-only"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-x------"));
        assumeTrue(!Files.isWritable(directory), "not running as a user who can write anywhere (root)");

        assertThatThrownBy(() -> JsonLinesPublisher.to(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("directory '" + directory + "' is not writable");
    }

    @Test
    void sizesAndIntervalOutOfRangeAreNamedAllAtOnceAndNothingIsCreated() {
        Path directory = temp.resolve("never-made");

        assertThatThrownBy(() -> JsonLinesPublisher.builder(directory)
                        .maxFileBytes(100)
                        .maxTotalBytes(50)
                        .summaryInterval(Duration.ZERO)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxFileBytes must be at least 1024, was 100")
                .hasMessageContaining("maxTotalBytes must be at least maxFileBytes (100), was 50")
                .hasMessageContaining("summaryInterval must be at least 10 ms, was PT0S");
        assertThat(directory).doesNotExist();
    }

    @Test
    void aTotalBelowTheFileSizeIsRefused() {
        assertThatThrownBy(() -> JsonLinesPublisher.builder(temp)
                        .maxFileBytes(1_000_000)
                        .maxTotalBytes(999_999)
                        .build())
                .hasMessage("JsonLinesPublisher: maxTotalBytes must be at least maxFileBytes (1000000), was 999999");
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThatThrownBy(() -> JsonLinesPublisher.builder(temp)
                        .summaryInterval(Duration.ofSeconds(-1))
                        .build())
                .hasMessageContaining("summaryInterval must be at least 10 ms, was PT-1S");
    }

    @Test
    void nullsAreRefusedWhereTheyAreGiven() {
        assertThatThrownBy(() -> JsonLinesPublisher.to(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("directory");
        assertThatThrownBy(() -> JsonLinesPublisher.builder(temp).summaryInterval(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("summaryInterval");
    }

    @Test
    void theSmallestAcceptedOptionsBuild() {
        JsonLinesPublisher.builder(temp)
                .maxFileBytes(1024)
                .maxTotalBytes(1024)
                .summaryInterval(Duration.ofMillis(10))
                .build()
                .close();
    }
}
